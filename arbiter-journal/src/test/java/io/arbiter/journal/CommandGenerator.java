package io.arbiter.journal;

import io.arbiter.engine.Command;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;

import java.util.SplittableRandom;

/**
 * Seeded random stream of engine commands over a few instruments: mostly limit orders near a drifting mid price,
 * with cancels and replaces of recent orders, market, IOC, FOK and post-only orders, self-trade prevention and some
 * invalid commands. Test code; one thread.
 */
final class CommandGenerator
{
    static final String[] SYMBOLS = {"AAA", "BBB", "CCC"};
    static final long TICK = Prices.UNIT / 100;
    static final long LOT = 10;
    private static final int RECENT = 4096;

    private final SplittableRandom random;
    private final long[] mid = new long[SYMBOLS.length];
    private final long[] recentIds = new long[RECENT];
    private final long[] recentAccounts = new long[RECENT];
    private int recentCount;
    private long nextOrderId = 1;
    private long timestampNs = 1_700_000_000_000_000_000L;

    CommandGenerator(final long seed)
    {
        random = new SplittableRandom(seed);
        for (int i = 0; i < mid.length; i++)
        {
            mid[i] = 10_000 + 1_000L * i;
        }
    }

    static MatchingEngine newEngine(final ExecutionListener listener)
    {
        return newEngine(listener, 1 << 12);
    }

    static MatchingEngine newEngine(final ExecutionListener listener, final int orderPoolSize)
    {
        final MatchingEngine engine = new MatchingEngine(
            new EngineContext().orderPoolSize(orderPoolSize).levelPoolSize(Math.max(256, orderPoolSize / 4)), listener);
        for (final String symbol : SYMBOLS)
        {
            engine.addInstrument(symbol, TICK, LOT);
        }
        return engine;
    }

    /**
     * Overwrite a command with the next one of the stream.
     */
    Command next(final Command command, final long sequence)
    {
        timestampNs += 1 + random.nextInt(5_000);
        command.sequence(sequence).timestampNs(timestampNs);
        final int roll = random.nextInt(100);
        if (roll < 20 && recentCount > 0)
        {
            final int index = random.nextInt(Math.min(recentCount, RECENT));
            return command.cancel(recentIds[index], recentAccounts[index]);
        }
        if (roll < 32 && recentCount > 0)
        {
            final int index = random.nextInt(Math.min(recentCount, RECENT));
            final int instrument = random.nextInt(SYMBOLS.length);
            return command.replace(recentIds[index], recentAccounts[index], price(instrument),
                LOT * (1 + random.nextInt(20)));
        }
        if (roll < 34)
        {
            return command.cancel(random.nextLong(1, Long.MAX_VALUE), random.nextInt(1, 30));
        }
        return newOrder(command);
    }

    private Command newOrder(final Command command)
    {
        final int instrument = random.nextInt(SYMBOLS.length + (random.nextInt(200) == 0 ? 1 : 0));
        final int driftInstrument = instrument % SYMBOLS.length;
        mid[driftInstrument] = Math.max(100, mid[driftInstrument] + random.nextInt(3) - 1);
        final long account = random.nextInt(1, 25);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final int kind = random.nextInt(100);
        OrderType orderType = OrderType.LIMIT;
        TimeInForce tif = TimeInForce.GTC;
        if (kind < 8)
        {
            orderType = OrderType.MARKET;
            tif = random.nextBoolean() ? TimeInForce.IOC : TimeInForce.FOK;
        }
        else if (kind < 18)
        {
            tif = TimeInForce.IOC;
        }
        else if (kind < 23)
        {
            tif = TimeInForce.FOK;
        }
        else if (kind < 33)
        {
            tif = TimeInForce.POST_ONLY;
        }
        final long price = orderType == OrderType.MARKET ? Prices.NULL_PRICE : price(driftInstrument);
        final long quantity = random.nextInt(100) == 0 ? 7 : LOT * (1 + random.nextInt(30));
        final SelfTradePrevention stp = random.nextInt(4) == 0 ?
            SelfTradePrevention.get(random.nextInt(4)) : SelfTradePrevention.NONE;
        final long orderId = random.nextInt(500) == 0 && recentCount > 0 ? recentIds[0] : nextOrderId++;
        recentIds[recentCount % RECENT] = orderId;
        recentAccounts[recentCount % RECENT] = account;
        recentCount++;
        return command.newOrder(orderId, account, instrument, side, orderType, tif, price, quantity, stp);
    }

    private long price(final int instrument)
    {
        return (mid[instrument] + random.nextInt(41) - 20) * TICK;
    }
}
