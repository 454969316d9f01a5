package io.arbiter.bench.pipeline;

import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.sequencer.IngressCommand;

import java.util.SplittableRandom;

/**
 * Seeded open-loop order flow for the pipeline benchmark, generated on the producer side without feedback from the
 * engine: GTC limits around a fixed mid (some marketable), IOC limits and market orders that take liquidity, cancels
 * of each session's oldest GTC orders (which keeps the book near a bounded size) and replaces. Single threaded;
 * allocates nothing after construction.
 */
final class PipelineFlow
{
    static final long TICK_UNITS = Prices.UNIT / 100;
    static final long MID_TICKS = 10_000;

    private final SplittableRandom random;
    private final int sessions;
    private final int instruments;
    private final long[][] restingIds;
    private final int[] heads;
    private final int[] sizes;
    private final long[] nextClientId;
    private final int fifoCapacity;
    private final long[] counts = new long[5];

    PipelineFlow(final long seed, final int sessions, final int instruments, final int restingPerSession)
    {
        this.random = new SplittableRandom(seed);
        this.sessions = sessions;
        this.instruments = instruments;
        this.fifoCapacity = restingPerSession;
        this.restingIds = new long[sessions][restingPerSession];
        this.heads = new int[sessions];
        this.sizes = new int[sessions];
        this.nextClientId = new long[sessions];
    }

    /**
     * Write the next command into {@code out}.
     *
     * @param out staged command; its session id is set to a session index (0 to sessions - 1).
     */
    void next(final IngressCommand out)
    {
        final int session = random.nextInt(sessions);
        out.sessionId(session);
        final int roll = random.nextInt(1000);
        if (roll < 600 || sizes[session] == 0)
        {
            if (sizes[session] == fifoCapacity)
            {
                cancelOldest(session, out);
            }
            else
            {
                gtc(session, out);
            }
        }
        else if (roll < 680)
        {
            taker(session, out, OrderType.LIMIT);
        }
        else if (roll < 720)
        {
            taker(session, out, OrderType.MARKET);
        }
        else if (roll < 880)
        {
            cancelOldest(session, out);
        }
        else
        {
            replace(session, out);
        }
    }

    private void gtc(final int session, final IngressCommand out)
    {
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final boolean aggressive = random.nextInt(10) == 0;
        final long offset = aggressive ? -random.nextInt(1, 4) : random.nextInt(1, 30);
        final long ticks = side == Side.BUY ? MID_TICKS - offset : MID_TICKS + offset;
        final long clientId = ++nextClientId[session];
        out.clientOrderId(clientId);
        out.command().newOrder(0, 0, random.nextInt(instruments), side, OrderType.LIMIT, TimeInForce.GTC,
            ticks * TICK_UNITS, random.nextInt(1, 11), SelfTradePrevention.NONE);
        final int tail = (heads[session] + sizes[session]) % fifoCapacity;
        restingIds[session][tail] = clientId;
        sizes[session]++;
        counts[0]++;
    }

    private void taker(final int session, final IngressCommand out, final OrderType type)
    {
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final long offset = random.nextInt(0, 5);
        final long price = type == OrderType.MARKET ? Prices.NULL_PRICE :
            (side == Side.BUY ? MID_TICKS + offset : MID_TICKS - offset) * TICK_UNITS;
        out.clientOrderId(++nextClientId[session]);
        out.command().newOrder(0, 0, random.nextInt(instruments), side, type, TimeInForce.IOC, price,
            random.nextInt(1, 21), SelfTradePrevention.NONE);
        counts[type == OrderType.MARKET ? 2 : 1]++;
    }

    private void cancelOldest(final int session, final IngressCommand out)
    {
        final long clientId = restingIds[session][heads[session]];
        heads[session] = (heads[session] + 1) % fifoCapacity;
        sizes[session]--;
        out.clientOrderId(clientId);
        out.command().cancel(0, 0);
        counts[3]++;
    }

    private void replace(final int session, final IngressCommand out)
    {
        final int index = (heads[session] + random.nextInt(sizes[session])) % fifoCapacity;
        out.clientOrderId(restingIds[session][index]);
        final long ticks = MID_TICKS + (random.nextBoolean() ? 1 : -1) * random.nextInt(5, 30);
        out.command().replace(0, 0, ticks * TICK_UNITS, random.nextInt(1, 11));
        counts[4]++;
    }

    /**
     * @return commands generated so far by kind: GTC, IOC limit, market, cancel, replace.
     */
    long[] counts()
    {
        return counts;
    }
}
