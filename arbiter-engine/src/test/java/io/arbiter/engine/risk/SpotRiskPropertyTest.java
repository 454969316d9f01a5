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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random streams of deposits, withdrawals, fee and limit changes, and orders of every type, time in force and
 * self-trade prevention mode, with cancels and replaces, on two instruments with assets and one without. After every
 * command: a naive reference model of the written rules (BigInteger arithmetic, maps) decides every accept and reject
 * itself, settles the trades the engine printed, and must give exactly the balances the engine reported as changed
 * and the same balances overall; and the invariants hold (no negative balance except FEES; per asset, the sum of all
 * balances is deposits less withdrawals; an account's held amount is the sum of its open orders' holds). The model
 * trusts the engine only for which maker each trade meets (that is the matching differential test's job) and checks
 * that every BUY MARKET fill is the largest affordable lot multiple.
 */
class SpotRiskPropertyTest
{
    private static final int COMMANDS = 600;
    private static final int ACCOUNTS = 4;

    private static final Map<String, Integer> COVERAGE = new java.util.concurrent.ConcurrentHashMap<>();

    @Property(tries = 150)
    void shouldMatchTheReferenceBalancesAndKeepTheInvariantsAfterEveryCommand(@ForAll final long seed)
    {
        final Run run = new Run(seed);
        for (int i = 0; i < COMMANDS; i++)
        {
            run.step(i);
            if (i % 200 == 199)
            {
                run.checkSnapshotCopy();
            }
        }
        assertTrue(run.trades > 0 || run.accepted == 0, "seed " + seed + ": no trade in " + COMMANDS + " commands");
    }

    /**
     * The streams are only worth checking if they reach every risk outcome often.
     */
    @AfterContainer
    static void shouldHaveReachedEveryRiskOutcome()
    {
        for (final String kind : List.of(
            "TRADE", "REJECTED,INSUFFICIENT_FUNDS", "REJECTED,MAX_QTY_EXCEEDED", "REJECTED,MAX_NOTIONAL_EXCEEDED",
            "CANCELED,INSUFFICIENT_FUNDS", "CANCELED,FOK", "CANCELED,SELF_TRADE", "REPLACED", "WITHDRAW_REJECTED"))
        {
            assertTrue(COVERAGE.getOrDefault(kind, 0) >= 100, () -> "too few " + kind + ": " + COVERAGE);
        }
    }

    private record Event(String kind, long orderId, long makerId, long price, long quantity, String reason)
    {
    }

    private static final class Run implements ExecutionListener
    {
        private final long seed;
        private final SplittableRandom random;
        private final MatchingEngine engine;
        private final Command command = new Command();
        private final List<Event> events = new ArrayList<>();
        private final Map<String, long[]> reported = new TreeMap<>();
        private final Map<Long, Order> orders = new HashMap<>();
        private final SpotRiskReference reference;
        private final long[] ticks = { 1_000_000L, 50_000_000L, 1_000_000L };
        private final long[] lots = { 1, 10, 1 };
        private final int[] bases = new int[3];
        private final int[] quotes = new int[3];
        private long nextOrderId = 1;
        private int trades;
        private int accepted;

        Run(final long seed)
        {
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            final EngineContext context = new EngineContext().orderPoolSize(1 + random.nextInt(64)).levelPoolSize(8);
            engine = new MatchingEngine(context, this);
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
        }

        void step(final int index)
        {
            events.clear();
            reported.clear();
            final Map<String, long[]> before = reference.copy();
            final int pick = random.nextInt(100);
            final String what;
            if (pick < 10)
            {
                what = reference.deposit(random, ACCOUNTS);
            }
            else if (pick < 14)
            {
                final StringBuilder withdrawal = new StringBuilder();
                if (reference.withdraw(random, ACCOUNTS, withdrawal))
                {
                    COVERAGE.merge("WITHDRAW_REJECTED", 1, Integer::sum);
                }
                what = withdrawal.toString();
            }
            else if (pick < 16)
            {
                what = reference.fees(random);
            }
            else if (pick < 18)
            {
                final int instrument = random.nextInt(2);
                what = reference.limits(random.nextBoolean() ? 0 : lots[instrument] * random.nextInt(3, 12),
                    random.nextBoolean() ? 0 : random.nextLong(200, 3_000) * Prices.UNIT, instrument);
            }
            else if (pick < 70)
            {
                what = newOrder();
            }
            else if (pick < 82)
            {
                what = cancel();
            }
            else
            {
                what = replace();
            }
            final String context = "seed " + seed + ", command " + index + " " + what + ", events " + events;
            assertEquals(reference.changedSince(before), SpotRiskReference.render(reported), context);
            reference.checkInvariants(orders.values(), ACCOUNTS, context);
            for (final Event event : events)
            {
                COVERAGE.merge(event.reason().isEmpty() ? event.kind() : event.kind() + "," + event.reason(), 1,
                    Integer::sum);
            }
        }

        private long price(final int instrument)
        {
            return (100 * Prices.UNIT / ticks[instrument] + random.nextInt(-6, 7)) * ticks[instrument] +
                (random.nextInt(50) == 0 ? 1 : 0);
        }

        private String newOrder()
        {
            final int instrument = random.nextInt(10) == 0 ? 2 : random.nextInt(2);
            final long account = random.nextInt(ACCOUNTS);
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final boolean market = random.nextInt(5) == 0;
            final TimeInForce marketTif =
                random.nextInt(4) == 0 ? TimeInForce.FOK : random.nextInt(20) == 0 ? TimeInForce.GTC : TimeInForce.IOC;
            final TimeInForce tif = market ? marketTif :
                TimeInForce.values()[random.nextInt(4) == 0 ? random.nextInt(4) : 0];
            final long price = market ? Prices.NULL_PRICE : price(instrument);
            final long quantity = lots[instrument] * random.nextInt(1, 12) + (random.nextInt(40) == 0 ? 1 : 0);
            final SelfTradePrevention stp =
                random.nextInt(3) == 0 ? SelfTradePrevention.values()[random.nextInt(4)] : SelfTradePrevention.NONE;
            final long orderId = !orders.isEmpty() && random.nextInt(30) == 0 ? anyOpenOrder() : nextOrderId++;
            command.newOrder(orderId, account, instrument, side, market ? OrderType.MARKET : OrderType.LIMIT, tif,
                price, quantity, stp);
            engine.onCommand(command);
            applyNew(orderId, account, instrument, side, market, tif, price, quantity);
            return command.toString();
        }

        private long anyOpenOrder()
        {
            final List<Long> ids = new ArrayList<>(orders.keySet());
            ids.sort(Long::compare);
            return ids.get(random.nextInt(ids.size()));
        }

        private String cancel()
        {
            final long orderId = orders.isEmpty() || random.nextInt(8) == 0 ? nextOrderId + 1 : anyOpenOrder();
            final Order order = orders.get(orderId);
            final long account = order != null && random.nextInt(10) != 0 ? order.account : random.nextInt(ACCOUNTS);
            command.cancel(orderId, account);
            engine.onCommand(command);
            if (order == null || order.account != account)
            {
                assertEquals(List.of(reject(orderId, RejectReason.UNKNOWN_ORDER)), events, "seed " + seed);
            }
            else
            {
                assertEquals("CANCELED", events.get(0).kind(), "seed " + seed);
                finish(orderId);
            }
            return command.toString();
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
            final long price = price(order.instrument);
            final long quantity = lots[order.instrument] * random.nextInt(1, 12);
            command.replace(orderId, account, price, quantity);
            engine.onCommand(command);
            final RejectReason expected = account != order.account ? RejectReason.UNKNOWN_ORDER :
                price % ticks[order.instrument] != 0 ? RejectReason.INVALID_PRICE :
                reference.risky(order.instrument) ? reference.riskCheck(order.account, order.hold, order.instrument,
                    order.side, false, price, quantity) : null;
            if (expected != null)
            {
                assertEquals(List.of(reject(orderId, expected)), events, "seed " + seed);
                return command.toString();
            }
            assertEquals("REPLACED", events.get(0).kind(), "seed " + seed + " " + events);
            if (reference.risky(order.instrument))
            {
                reference.rehold(order, price, quantity);
            }
            order.remaining = quantity;
            applyTakerEvents(orderId, order, 1);
            return command.toString();
        }

        private void applyNew(
            final long orderId,
            final long account,
            final int instrument,
            final Side side,
            final boolean market,
            final TimeInForce tif,
            final long price,
            final long quantity)
        {
            RejectReason expected = null;
            if (market && (tif == TimeInForce.GTC || tif == TimeInForce.POST_ONLY))
            {
                expected = RejectReason.INVALID_TIF;
            }
            else if (quantity % lots[instrument] != 0)
            {
                expected = RejectReason.INVALID_QTY;
            }
            else if (!market && price % ticks[instrument] != 0)
            {
                expected = RejectReason.INVALID_PRICE;
            }
            else if (orders.containsKey(orderId))
            {
                expected = RejectReason.DUPLICATE_ORDER_ID;
            }
            final Order order = new Order();
            order.account = account;
            order.instrument = instrument;
            order.side = side;
            order.market = market;
            order.remaining = quantity;
            order.price = price;
            order.makerBps = reference.makerBps[instrument];
            order.takerBps = reference.takerBps[instrument];
            if (expected == null && reference.risky(instrument))
            {
                expected = reference.riskCheck(account, 0, instrument, side, market, price, quantity);
            }
            if (expected != null)
            {
                assertEquals(List.of(reject(orderId, expected)), events, "seed " + seed);
                return;
            }
            accepted++;
            assertEquals("ACCEPTED", events.get(0).kind(), "seed " + seed + " " + events);
            if (reference.risky(instrument))
            {
                reference.takeHold(order);
            }
            orders.put(orderId, order);
            applyTakerEvents(orderId, order, 1);
            if (orders.get(orderId) == order && (market || tif == TimeInForce.IOC || tif == TimeInForce.FOK))
            {
                throw new AssertionError("seed " + seed + ": an IOC/FOK/MARKET order left open: " + events);
            }
        }

        /**
         * The events of a taker (a NEW after its ACCEPTED, or a REPLACE after its REPLACED); the taker stays open if
         * no event finished it and quantity remains.
         */
        private void applyTakerEvents(final long orderId, final Order taker, final int from)
        {
            boolean takerDone = false;
            for (int i = from; i < events.size(); i++)
            {
                final Event event = events.get(i);
                if (event.kind().equals("TRADE"))
                {
                    assertEquals(orderId, event.orderId(), "seed " + seed);
                    trade(taker, event);
                    trades++;
                }
                else if (event.kind().equals("CANCELED") && event.orderId() != orderId)
                {
                    assertEquals("SELF_TRADE", event.reason(), "seed " + seed);
                    finish(event.orderId());
                }
                else if (event.kind().equals("CANCELED"))
                {
                    assertEquals(taker.remaining, event.quantity(), "seed " + seed);
                    if (event.reason().equals("INSUFFICIENT_FUNDS"))
                    {
                        assertTrue(taker.market && taker.side == Side.BUY && reference.risky(taker.instrument),
                            "seed " + seed);
                    }
                    takerDone = true;
                }
                else
                {
                    throw new AssertionError("seed " + seed + ": unexpected " + event + " in " + events);
                }
            }
            if (takerDone || taker.remaining == 0)
            {
                finish(orderId);
            }
        }

        private void trade(final Order taker, final Event event)
        {
            final Order maker = orders.get(event.makerId());
            assertNotNull(maker, "seed " + seed + ": trade with an unknown maker " + event);
            final long quantity = event.quantity();
            final int instrument = taker.instrument;
            if (reference.risky(instrument))
            {
                reference.settle(taker, maker, event.price(), quantity, maker.remaining);
            }
            taker.remaining -= quantity;
            maker.remaining -= quantity;
            if (maker.remaining == 0)
            {
                finish(event.makerId());
            }
        }

        private void finish(final long orderId)
        {
            reference.release(orders.remove(orderId));
        }

        /**
         * A copy restored from a snapshot has the same state hash and balances; a deposit on the copy alone changes
         * its hash, so the hash covers balances.
         */
        void checkSnapshotCopy()
        {
            final MatchingEngine copy = SpotRiskReference.checkSnapshotCopy(engine, this, ACCOUNTS, "seed " + seed);
            copy.riskControls().deposit(0, 0, 1);
            assertTrue(engine.stateHash() != copy.stateHash(), "seed " + seed + ": the hash covers balances");
        }

        private static Event reject(final long orderId, final RejectReason reason)
        {
            return new Event("REJECTED", orderId, 0, 0, 0, reason.name());
        }

        @Override
        public void onAccepted(final long orderId, final long account)
        {
            events.add(new Event("ACCEPTED", orderId, 0, 0, 0, ""));
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
            events.add(new Event("TRADE", takerOrderId, makerOrderId, price, quantity, ""));
        }

        @Override
        public void onCanceled(
            final long orderId, final long account, final long remainingQty, final CancelReason reason)
        {
            events.add(new Event("CANCELED", orderId, 0, 0, remainingQty, reason.name()));
        }

        @Override
        public void onReplaced(final long orderId, final long account, final long newPrice, final long newQty)
        {
            events.add(new Event("REPLACED", orderId, 0, newPrice, newQty, ""));
        }

        @Override
        public void onRejected(
            final CommandType type, final long orderId, final long account, final RejectReason reason)
        {
            events.add(reject(orderId, reason));
        }
    }
}
