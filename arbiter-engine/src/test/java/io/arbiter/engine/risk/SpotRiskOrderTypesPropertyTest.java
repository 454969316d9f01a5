package io.arbiter.engine.risk;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.engine.risk.SpotRiskReference.Order;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The balance rules over streams of every order kind: LIMIT, MARKET, STOP_LIMIT and STOP_MARKET (buy and sell),
 * icebergs, GTC, IOC, FOK, POST_ONLY and GTD with TIME commands that expire them, every self-trade prevention mode,
 * cancels, replaces, mass cancels, halts and resumes, price bands, with deposits, withdrawals, fee and limit changes,
 * on two instruments with assets and one without. The reference model here follows the engine's events rather than
 * predicting them (which order is accepted for a reason other than risk, which stop triggers, which maker a trade
 * meets: those are the matching differential test's job); for every accept, reject, trade, cancel and replace it
 * applies the written balance rules itself (BigInteger arithmetic) and decides the risk outcome itself: a NEW or
 * REPLACE the engine accepted must pass the model's limits and funds checks, one rejected for a risk reason must fail
 * them with that reason, a BUY MARKET fill (a triggered BUY STOP_MARKET's too) must be the largest affordable lot
 * multiple. After every command the balances the engine reported as changed must be exactly those the model changed,
 * every balance must equal the model's, and the invariants hold: no negative balance except FEES's; per asset the sum
 * of all balances, FEES included, is deposits less withdrawals; an account's held amount is the sum of its open
 * orders' holds.
 */
class SpotRiskOrderTypesPropertyTest
{
    private static final int COMMANDS = 700;
    private static final int ACCOUNTS = 4;
    private static final int INSTRUMENTS = 3;

    private static final Map<String, Integer> COVERAGE = new ConcurrentHashMap<>();

    @Property(tries = 120)
    void shouldKeepTheBalanceRulesOverEveryOrderType(@ForAll final long seed)
    {
        final Run run = new Run(seed);
        for (int i = 0; i < COMMANDS; i++)
        {
            run.step(i);
            if (i % 350 == 349)
            {
                run.checkSnapshotCopy();
            }
        }
    }

    /**
     * The streams are only worth checking if they reach every order kind's balance outcomes often.
     */
    @AfterContainer
    static void shouldHaveReachedEveryOutcome()
    {
        for (final String kind : List.of(
            "TRADE", "TRADE,ICEBERG_MAKER", "TRADE,STOP_LIMIT_TAKER", "TRADE,STOP_MARKET_TAKER",
            "TRIGGERED", "REJECTED,INSUFFICIENT_FUNDS", "REJECTED,MAX_QTY_EXCEEDED", "REJECTED,MAX_NOTIONAL_EXCEEDED",
            "REJECTED,INSTRUMENT_HALTED", "REJECTED,PRICE_OUT_OF_BAND", "REJECTED,NOT_REPLACEABLE",
            "CANCELED,INSUFFICIENT_FUNDS", "CANCELED,FOK", "CANCELED,IOC", "CANCELED,SELF_TRADE", "CANCELED,POST_ONLY",
            "CANCELED,EXPIRED", "CANCELED,MASS", "CANCELED,USER", "REPLACED", "REPLACED,TRIGGERED_STOP"))
        {
            assertTrue(COVERAGE.getOrDefault(kind, 0) >= 20, () -> "too few " + kind + ": " + new TreeMap<>(COVERAGE));
        }
    }

    private static final class Run implements ExecutionListener
    {
        private final long seed;
        private final SplittableRandom random;
        private final MatchingEngine engine;
        private final Command command = new Command();
        private final List<Object[]> events = new ArrayList<>();
        private final Map<String, long[]> reported = new TreeMap<>();
        private final Map<Long, Order> orders = new HashMap<>();
        private final SpotRiskReference reference;
        private final long[] lastPrice = new long[INSTRUMENTS];
        private final long[] ticks = { 1_000_000L, 50_000_000L, 1_000_000L };
        private final long[] lots = { 1, 10, 1 };
        private final int[] bases = new int[INSTRUMENTS];
        private final int[] quotes = new int[INSTRUMENTS];
        private long nextOrderId = 1;
        private long clock;

        Run(final long seed)
        {
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            engine = new MatchingEngine(new EngineContext().orderPoolSize(1 + random.nextInt(96)).levelPoolSize(16),
                this);
            engine.balanceListener((account, asset, available, held) ->
                reported.put(SpotRiskReference.key(account, asset), new long[] { available, held }));
            engine.addInstrument("BTC-USD", ticks[0], lots[0], "BTC", "USD");
            engine.addInstrument("ETH-USD", ticks[1], lots[1], "ETH", "USD");
            engine.addInstrument("PLAIN", ticks[2], lots[2]);
            bases[0] = engine.riskControls().assetId("BTC");
            quotes[0] = engine.riskControls().assetId("USD");
            bases[1] = engine.riskControls().assetId("ETH");
            quotes[1] = quotes[0];
            bases[2] = -1;
            quotes[2] = -1;
            reference = new SpotRiskReference(engine, lots, bases, quotes);
            for (int i = 0; i < INSTRUMENTS; i++)
            {
                lastPrice[i] = 100 * Prices.UNIT;
            }
        }

        void step(final int index)
        {
            events.clear();
            reported.clear();
            final Map<String, long[]> before = reference.copy();
            final int pick = random.nextInt(100);
            final String what;
            if (pick < 8)
            {
                what = reference.deposit(random, ACCOUNTS);
            }
            else if (pick < 11)
            {
                final StringBuilder withdrawal = new StringBuilder();
                reference.withdraw(random, ACCOUNTS, withdrawal);
                what = withdrawal.toString();
            }
            else if (pick < 13)
            {
                what = reference.fees(random);
            }
            else if (pick < 15)
            {
                final int instrument = random.nextInt(2);
                what = reference.limits(random.nextInt(3) != 0 ? 0 : lots[instrument] * random.nextInt(3, 12),
                    random.nextInt(3) != 0 ? 0 : random.nextLong(200, 3_000) * Prices.UNIT, instrument);
            }
            else if (pick < 65)
            {
                what = newOrder();
            }
            else if (pick < 75)
            {
                what = cancel();
            }
            else if (pick < 85)
            {
                what = replace();
            }
            else if (pick < 87)
            {
                what = run(command.massCancel(random.nextInt(ACCOUNTS),
                    random.nextBoolean() ? Command.ALL_INSTRUMENTS : random.nextInt(INSTRUMENTS)));
            }
            else if (pick < 93)
            {
                clock += random.nextInt(12);
                what = run(command.clock(clock));
            }
            else if (pick < 97)
            {
                final int instrument = random.nextInt(INSTRUMENTS);
                what = run(command.instrumentCommand(
                    random.nextInt(3) == 0 ? CommandType.HALT : CommandType.RESUME, instrument));
            }
            else
            {
                what = run(command.band(random.nextInt(INSTRUMENTS),
                    random.nextBoolean() ? 0 : random.nextInt(30, 400)));
            }
            final String context = "seed " + seed + ", command " + index + " " + what + ", events " + describe();
            try
            {
                applyEvents();
            }
            catch (final AssertionError ex)
            {
                throw new AssertionError(context + ": " + ex.getMessage(), ex);
            }
            assertEquals(reference.changedSince(before), SpotRiskReference.render(reported),
                context + ": balance lines");
            reference.checkInvariants(orders.values(), ACCOUNTS, context);
        }

        private String run(final Command next)
        {
            engine.onCommand(next);
            return next.toString();
        }

        /** A price near the instrument's last trade, on its grid (rarely off it). */
        private long price(final int instrument)
        {
            final long tick = ticks[instrument];
            final long near = Math.max(tick * 8, lastPrice[instrument] / tick * tick + random.nextInt(-6, 7) * tick);
            return near + (random.nextInt(60) == 0 ? 1 : 0);
        }

        private String newOrder()
        {
            final int instrument = random.nextInt(8) == 0 ? 2 : random.nextInt(2);
            final long account = random.nextInt(ACCOUNTS);
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final int kind = random.nextInt(100);
            final OrderType type = kind < 40 ? OrderType.LIMIT : kind < 55 ? OrderType.MARKET :
                kind < 75 ? OrderType.STOP_LIMIT : OrderType.STOP_MARKET;
            final boolean market = type == OrderType.MARKET || type == OrderType.STOP_MARKET;
            final TimeInForce tif;
            if (market)
            {
                tif = random.nextInt(25) == 0 ? TimeInForce.GTC : random.nextInt(4) == 0 ? TimeInForce.FOK :
                    TimeInForce.IOC;
            }
            else
            {
                tif = TimeInForce.values()[random.nextInt(3) != 0 ? 0 : random.nextInt(5)];
            }
            final long quantity = lots[instrument] * random.nextInt(1, 12) + (random.nextInt(50) == 0 ? 1 : 0);
            final SelfTradePrevention stp = random.nextInt(3) == 0 ?
                SelfTradePrevention.values()[random.nextInt(4)] : SelfTradePrevention.NONE;
            final long orderId = !orders.isEmpty() && random.nextInt(40) == 0 ? anyOpenOrder() : nextOrderId++;
            command.newOrder(orderId, account, instrument, side, type, tif, market ? Prices.NULL_PRICE :
                price(instrument), quantity, stp);
            if (type == OrderType.STOP_LIMIT || type == OrderType.STOP_MARKET)
            {
                // BUY stops above the last trade, SELL stops below, mostly; some already hold and trigger at once
                final long offset = ticks[instrument] * random.nextInt(-1, 4);
                command.stopPrice(Math.max(ticks[instrument],
                    lastPrice[instrument] / ticks[instrument] * ticks[instrument] +
                        (side == Side.BUY ? offset : -offset)));
            }
            if (type == OrderType.LIMIT && (tif == TimeInForce.GTC || tif == TimeInForce.GTD) &&
                random.nextInt(3) == 0)
            {
                command.displayQuantity(lots[instrument] * random.nextInt(1, 4));
            }
            if (tif == TimeInForce.GTD)
            {
                command.time(clock + 1 + random.nextInt(40));
            }
            return run(command);
        }

        private long anyOpenOrder()
        {
            final List<Long> ids = new ArrayList<>(orders.keySet());
            ids.sort(Long::compare);
            return ids.get(random.nextInt(ids.size()));
        }

        private String cancel()
        {
            final long orderId = orders.isEmpty() || random.nextInt(10) == 0 ? nextOrderId + 1 : anyOpenOrder();
            final Order order = orders.get(orderId);
            final long account = order != null && random.nextInt(12) != 0 ? order.account : random.nextInt(ACCOUNTS);
            return run(command.cancel(orderId, account));
        }

        private String replace()
        {
            if (orders.isEmpty())
            {
                return cancel();
            }
            final long orderId = anyOpenOrder();
            final Order order = orders.get(orderId);
            final long account = random.nextInt(15) != 0 ? order.account : random.nextInt(ACCOUNTS);
            final long quantity = lots[order.instrument] * random.nextInt(1, 12);
            return run(command.replace(orderId, account, price(order.instrument), quantity));
        }

        /** Apply the events of the command just run, in order, to the model; assert the risk outcomes. */
        private void applyEvents()
        {
            for (final Object[] event : events)
            {
                final String kind = (String)event[0];
                final long orderId = (Long)event[1];
                switch (kind)
                {
                    case "ACCEPTED":
                        accept(orderId);
                        break;
                    case "REJECTED":
                        rejected((CommandType)event[2], (RejectReason)event[3]);
                        break;
                    case "TRIGGERED":
                        assertNotNull(orders.get(orderId), "triggered an unknown order");
                        cover("TRIGGERED");
                        break;
                    case "TRADE":
                        trade(orderId, (Long)event[2], (Long)event[3], (Long)event[4]);
                        break;
                    case "CANCELED":
                        final Order canceled = orders.get(orderId);
                        assertNotNull(canceled, "canceled an unknown order");
                        assertEquals(canceled.remaining, (long)(Long)event[2], "canceled quantity of " + orderId);
                        if (event[3] == CancelReason.INSUFFICIENT_FUNDS)
                        {
                            assertTrue(canceled.market && canceled.side == Side.BUY &&
                                reference.risky(canceled.instrument));
                        }
                        cover("CANCELED," + event[3]);
                        finish(orderId);
                        break;
                    case "REPLACED":
                        replaced(orderId, (Long)event[2], (Long)event[3]);
                        break;
                    default:
                        throw new AssertionError("unknown event " + kind);
                }
            }
        }

        private void accept(final long orderId)
        {
            assertEquals(CommandType.NEW, command.type(), "accepted outside a NEW");
            assertEquals(command.orderId(), orderId);
            final Order order = new Order();
            order.account = command.account();
            order.instrument = command.instrumentId();
            order.side = command.side();
            order.type = command.orderType();
            order.market = order.type == OrderType.MARKET || order.type == OrderType.STOP_MARKET;
            order.iceberg = command.displayQuantity() > 0;
            order.display = command.displayQuantity();
            order.price = command.price();
            order.remaining = command.quantity();
            order.makerBps = reference.makerBps[order.instrument];
            order.takerBps = reference.takerBps[order.instrument];
            if (reference.risky(order.instrument))
            {
                assertNull(reference.riskCheck(order.account, 0, order.instrument, order.side, order.market,
                    order.price, order.remaining), "the engine accepted what the rules reject");
                reference.takeHold(order);
            }
            assertNull(orders.put(orderId, order), "accepted an open order's id");
        }

        private void rejected(final CommandType type, final RejectReason reason)
        {
            cover("REJECTED," + reason);
            final boolean riskReason = reason == RejectReason.INSUFFICIENT_FUNDS ||
                reason == RejectReason.MAX_QTY_EXCEEDED || reason == RejectReason.MAX_NOTIONAL_EXCEEDED;
            if (type == CommandType.NEW && reference.risky(command.instrumentId()) && riskReason)
            {
                final boolean market = command.orderType() == OrderType.MARKET ||
                    command.orderType() == OrderType.STOP_MARKET;
                assertEquals(reason, reference.riskCheck(command.account(), 0, command.instrumentId(), command.side(),
                    market, command.price(), command.quantity()), "risk reject of a NEW");
            }
            else if (type == CommandType.REPLACE && riskReason)
            {
                final Order order = orders.get(command.orderId());
                assertNotNull(order, "risk reject of a replace of an unknown order");
                assertTrue(reference.risky(order.instrument));
                assertEquals(reason, reference.riskCheck(order.account, order.hold, order.instrument, order.side, false,
                    command.price(), command.quantity()), "risk reject of a REPLACE");
            }
            else
            {
                assertTrue(!riskReason, "risk reject of " + type + " on an instrument without assets");
            }
        }

        private void replaced(final long orderId, final long newPrice, final long newQty)
        {
            assertEquals(CommandType.REPLACE, command.type());
            final Order order = orders.get(orderId);
            assertNotNull(order, "replaced an unknown order");
            assertEquals(command.price(), newPrice);
            assertEquals(command.quantity(), newQty);
            cover("REPLACED");
            if (order.type == OrderType.STOP_LIMIT)
            {
                cover("REPLACED,TRIGGERED_STOP");
            }
            if (reference.risky(order.instrument))
            {
                assertNull(reference.riskCheck(order.account, order.hold, order.instrument, order.side, false,
                    newPrice, newQty), "the engine replaced what the rules reject");
                reference.rehold(order, newPrice, newQty);
            }
            if (order.iceberg)
            {
                final boolean keepsPriority = newPrice == order.price && newQty <= order.remaining;
                final long slice = order.visible > 0 ? order.visible : Math.min(order.display, order.remaining);
                order.visible = keepsPriority ? Math.min(slice, newQty) : -1;
            }
            order.price = newPrice;
            order.remaining = newQty;
        }

        private void trade(final long takerId, final long makerId, final long price, final long quantity)
        {
            final Order taker = orders.get(takerId);
            final Order maker = orders.get(makerId);
            assertNotNull(taker, "trade of an unknown taker " + takerId);
            assertNotNull(maker, "trade with an unknown maker " + makerId);
            final int instrument = taker.instrument;
            assertEquals(instrument, maker.instrument);
            cover("TRADE");
            if (maker.iceberg)
            {
                cover("TRADE,ICEBERG_MAKER");
            }
            if (taker.type == OrderType.STOP_LIMIT || taker.type == OrderType.STOP_MARKET)
            {
                cover("TRADE," + taker.type + "_TAKER");
            }
            assertTrue(quantity > 0 && quantity <= taker.remaining && quantity <= maker.remaining, "trade quantity");
            lastPrice[instrument] = price;
            long makerShows = maker.remaining;
            if (maker.iceberg)
            {
                if (maker.visible <= 0)
                {
                    maker.visible = Math.min(maker.display, maker.remaining);
                }
                makerShows = maker.visible;
                assertTrue(quantity <= makerShows, "a trade beyond an iceberg's visible slice");
                maker.visible -= quantity;
                if (maker.visible == 0)
                {
                    maker.visible = -1;
                }
            }
            if (reference.risky(instrument))
            {
                reference.settle(taker, maker, price, quantity, makerShows);
            }
            taker.remaining -= quantity;
            maker.remaining -= quantity;
            if (maker.remaining == 0)
            {
                finish(makerId);
            }
            if (taker.remaining == 0)
            {
                finish(takerId);
            }
        }

        private void finish(final long orderId)
        {
            reference.release(orders.remove(orderId));
        }

        /**
         * A copy restored from a snapshot has the same state hash and balances (waiting stops, icebergs and GTD
         * orders with their holds included).
         */
        void checkSnapshotCopy()
        {
            SpotRiskReference.checkSnapshotCopy(engine, this, ACCOUNTS, "seed " + seed);
        }

        private String describe()
        {
            final StringBuilder text = new StringBuilder("[");
            for (final Object[] event : events)
            {
                text.append(Arrays.toString(event)).append(' ');
            }
            return text.append(']').toString();
        }

        private static void cover(final String kind)
        {
            COVERAGE.merge(kind, 1, Integer::sum);
        }

        @Override
        public void onAccepted(final long orderId, final long account)
        {
            events.add(new Object[] { "ACCEPTED", orderId });
        }

        @Override
        public void onTrade(
            final long tradeId,
            final int instrumentId,
            final long price,
            final long quantity,
            final Side takerSide,
            final long makerOrderId,
            final long makerAccount,
            final long makerLeaves,
            final long takerOrderId,
            final long takerAccount,
            final long takerLeaves)
        {
            events.add(new Object[] { "TRADE", takerOrderId, makerOrderId, price, quantity });
        }

        @Override
        public void onCanceled(
            final long orderId, final long account, final long remainingQty, final CancelReason reason)
        {
            events.add(new Object[] { "CANCELED", orderId, remainingQty, reason });
        }

        @Override
        public void onReplaced(final long orderId, final long account, final long newPrice, final long newQty)
        {
            events.add(new Object[] { "REPLACED", orderId, newPrice, newQty });
        }

        @Override
        public void onRejected(
            final CommandType type, final long orderId, final long account, final RejectReason reason)
        {
            events.add(new Object[] { "REJECTED", orderId, type, reason });
        }

        @Override
        public void onTriggered(final long orderId, final long account)
        {
            events.add(new Object[] { "TRIGGERED", orderId });
        }
    }
}
