package io.arbiter.engine.risk;

import io.arbiter.engine.EngineContext;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.Side;
import io.arbiter.engine.SnapshotRestorer;

import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The naive reference of the written balance rules that the spot risk property tests compare the engine with: balances
 * in a map, amounts in BigInteger arithmetic, the limits and funds checks, holds, settlement of a fill with its fees,
 * and the invariants. Three assets and two instruments with assets (ids 0 and 1) plus one without (id 2), as the
 * tests define them. One per run; not thread-safe.
 */
final class SpotRiskReference
{
    static final int ASSETS = 3;
    private static final BigInteger BPS = BigInteger.valueOf(Amounts.BPS_PER_UNIT);

    final Map<String, long[]> balances = new HashMap<>();
    final long[] netDeposits = new long[ASSETS];
    final int[] makerBps;
    final int[] takerBps;
    final long[] maxQty;
    final long[] maxNotional;
    private final long[] lots;
    private final int[] bases;
    private final int[] quotes;
    private final MatchingEngine engine;

    /** An order as the reference sees it. */
    static final class Order
    {
        long account;
        int instrument;
        Side side;
        OrderType type;
        boolean market;
        boolean iceberg;
        long display;
        /** An iceberg's visible slice while it rests, or -1 when its next slice is a fresh one. */
        long visible = -1;
        long price;
        long remaining;
        long hold;
        int asset;
        int makerBps;
        int takerBps;
    }

    /**
     * @param engine with its three instruments defined.
     * @param lots   lot size of each instrument.
     * @param bases  base asset of each instrument, -1 for none.
     * @param quotes quote asset of each instrument, -1 for none.
     */
    SpotRiskReference(final MatchingEngine engine, final long[] lots, final int[] bases, final int[] quotes)
    {
        this.engine = engine;
        this.lots = lots;
        this.bases = bases;
        this.quotes = quotes;
        makerBps = new int[lots.length];
        takerBps = new int[lots.length];
        maxQty = new long[lots.length];
        maxNotional = new long[lots.length];
    }

    String deposit(final SplittableRandom random, final int accounts)
    {
        final long account = random.nextInt(accounts);
        final int asset = random.nextInt(ASSETS);
        final long amount = 1 + random.nextLong(3_000L * Prices.UNIT);
        assertTrue(engine.riskControls().deposit(account, asset, amount));
        balance(account, asset)[0] += amount;
        netDeposits[asset] += amount;
        return "DEPOSIT " + account + " " + asset + " " + amount;
    }

    /**
     * @return whether the withdrawal was refused (insufficient funds), after checking the engine agrees.
     */
    boolean withdraw(final SplittableRandom random, final int accounts, final StringBuilder what)
    {
        final long account = random.nextInt(accounts);
        final int asset = random.nextInt(ASSETS);
        final long amount = 1 + random.nextLong(2_000L * Prices.UNIT);
        final boolean expected = balance(account, asset)[0] >= amount;
        assertEquals(expected, engine.riskControls().withdraw(account, asset, amount), "withdraw");
        if (expected)
        {
            balance(account, asset)[0] -= amount;
            netDeposits[asset] -= amount;
        }
        what.append("WITHDRAW ").append(account).append(' ').append(asset).append(' ').append(amount).append(' ')
            .append(expected);
        return !expected;
    }

    String fees(final SplittableRandom random)
    {
        final int instrument = random.nextInt(2);
        final int maker = random.nextInt(-20, 31);
        final int taker = random.nextInt(maker, 41);
        engine.riskControls().fees(instrument, maker, taker);
        makerBps[instrument] = maker;
        takerBps[instrument] = taker;
        return "FEES " + instrument + " " + maker + " " + taker;
    }

    String limits(final long quantity, final long notional, final int instrument)
    {
        engine.riskControls().limits(instrument, quantity, notional);
        maxQty[instrument] = quantity;
        maxNotional[instrument] = notional;
        return "LIMITS " + instrument + " " + quantity + " " + notional;
    }

    boolean risky(final int instrument)
    {
        return instrument >= 0 && instrument < bases.length && bases[instrument] >= 0;
    }

    long[] balance(final long account, final int asset)
    {
        return balances.computeIfAbsent(key(account, asset), k -> new long[2]);
    }

    /** Take a new order's hold from its account's available balance (all of it for a BUY MARKET). */
    void takeHold(final Order order)
    {
        order.asset = order.side == Side.SELL ? bases[order.instrument] : quotes[order.instrument];
        final long[] balance = balance(order.account, order.asset);
        order.hold = order.market && order.side == Side.BUY ? balance[0] :
            required(order.instrument, order.side, order.price, order.remaining);
        balance[0] -= order.hold;
        balance[1] += order.hold;
    }

    /** A replace: the hold becomes what the new price and quantity need, at the fees in force now. */
    void rehold(final Order order, final long price, final long quantity)
    {
        final long required = required(order.instrument, order.side, price, quantity);
        final long[] balance = balance(order.account, order.asset);
        balance[0] -= required - order.hold;
        balance[1] += required - order.hold;
        order.hold = required;
        order.makerBps = makerBps[order.instrument];
        order.takerBps = takerBps[order.instrument];
    }

    /** A finished order: what is left of its hold returns to available. */
    void release(final Order order)
    {
        if (order != null && risky(order.instrument))
        {
            final long[] balance = balance(order.account, order.asset);
            balance[0] += order.hold;
            balance[1] -= order.hold;
        }
    }

    /**
     * Settle one fill of a risk instrument; each side pays the rates in force when it was accepted or last replaced.
     *
     * @param makerShows what the maker showed (its visible slice for an iceberg), for a BUY MARKET taker's check.
     */
    void settle(final Order taker, final Order maker, final long price, final long quantity, final long makerShows)
    {
        final int instrument = taker.instrument;
        if (taker.market && taker.side == Side.BUY)
        {
            final long limit = Math.min(taker.remaining, makerShows);
            assertEquals(affordable(taker.hold, price, limit, instrument, taker.takerBps), quantity,
                "a BUY MARKET fill is not the largest affordable lot multiple");
        }
        final Order buyer = taker.side == Side.BUY ? taker : maker;
        final Order seller = taker.side == Side.BUY ? maker : taker;
        final long notional = BigInteger.valueOf(price).multiply(BigInteger.valueOf(quantity)).longValueExact();
        final long base = Math.multiplyExact(quantity, Prices.UNIT);
        final long buyerFee = fee(notional, buyer == taker ? buyer.takerBps : buyer.makerBps);
        final long sellerFee = fee(notional, seller == taker ? seller.takerBps : seller.makerBps);
        buyer.hold -= notional + buyerFee;
        balance(buyer.account, quotes[instrument])[1] -= notional + buyerFee;
        balance(buyer.account, bases[instrument])[0] += base;
        seller.hold -= base;
        balance(seller.account, bases[instrument])[1] -= base;
        balance(seller.account, quotes[instrument])[0] += notional - sellerFee;
        balance(SpotRisk.FEE_ACCOUNT, quotes[instrument])[0] += buyerFee + sellerFee;
        assertTrue(buyer.hold >= 0 && seller.hold >= 0, "a hold ran short");
    }

    RejectReason riskCheck(
        final long account,
        final long alreadyHeld,
        final int instrument,
        final Side side,
        final boolean market,
        final long price,
        final long quantity)
    {
        if (maxQty[instrument] != 0 && quantity > maxQty[instrument])
        {
            return RejectReason.MAX_QTY_EXCEEDED;
        }
        if (!market && maxNotional[instrument] != 0 &&
            BigInteger.valueOf(price).multiply(BigInteger.valueOf(quantity))
                .compareTo(BigInteger.valueOf(maxNotional[instrument])) > 0)
        {
            return RejectReason.MAX_NOTIONAL_EXCEEDED;
        }
        final int asset = side == Side.SELL ? bases[instrument] : quotes[instrument];
        final long available = balance(account, asset)[0];
        if (market && side == Side.BUY)
        {
            return available == 0 ? RejectReason.INSUFFICIENT_FUNDS : null;
        }
        return required(instrument, side, price, quantity) - alreadyHeld > available ?
            RejectReason.INSUFFICIENT_FUNDS : null;
    }

    long required(final int instrument, final Side side, final long price, final long quantity)
    {
        if (side == Side.SELL)
        {
            return Math.multiplyExact(quantity, Prices.UNIT);
        }
        final long notional = BigInteger.valueOf(price).multiply(BigInteger.valueOf(quantity)).longValueExact();
        return notional + (takerBps[instrument] > 0 ? fee(notional, takerBps[instrument]) : 0);
    }

    private long affordable(final long funds, final long price, final long limit, final int instrument, final int bps)
    {
        final long lot = lots[instrument];
        for (long quantity = limit / lot * lot; quantity > 0; quantity -= lot)
        {
            final long notional = BigInteger.valueOf(price).multiply(BigInteger.valueOf(quantity)).longValueExact();
            if (notional + fee(notional, bps) <= funds)
            {
                return quantity;
            }
        }
        return 0;
    }

    private static long fee(final long notional, final int bps)
    {
        final long magnitude = BigInteger.valueOf(notional).multiply(BigInteger.valueOf(Math.abs(bps)))
            .divide(BPS).longValueExact();
        return bps < 0 ? -magnitude : magnitude;
    }

    /** @return a copy of the balances, to compare with after a command. */
    Map<String, long[]> copy()
    {
        final Map<String, long[]> copy = new HashMap<>();
        balances.forEach((key, amounts) -> copy.put(key, amounts.clone()));
        return copy;
    }

    /** @return the balances that differ from those of {@code before}, rendered as the engine's report is. */
    String changedSince(final Map<String, long[]> before)
    {
        final Map<String, long[]> changed = new TreeMap<>();
        balances.forEach((key, amounts) ->
        {
            final long[] old = before.getOrDefault(key, new long[2]);
            if (old[0] != amounts[0] || old[1] != amounts[1])
            {
                changed.put(key, amounts);
            }
        });
        return render(changed);
    }

    /**
     * Every balance equals the engine's; no balance but FEES's is negative; held is the sum of the open orders' holds;
     * per asset the sum of all balances is deposits less withdrawals.
     */
    void checkInvariants(final Collection<Order> open, final int accounts, final String context)
    {
        final BalanceLedger ledger = engine.balances();
        final long[] sums = new long[ASSETS];
        final Map<String, Long> holds = new HashMap<>();
        for (final Order order : open)
        {
            if (risky(order.instrument))
            {
                holds.merge(key(order.account, order.asset), order.hold, Long::sum);
            }
        }
        for (long account = -1; account < accounts; account++)
        {
            for (int asset = 0; asset < ASSETS; asset++)
            {
                final long available = ledger.available(account, asset);
                final long held = ledger.held(account, asset);
                final long[] model = balances.getOrDefault(key(account, asset), new long[2]);
                assertEquals(model[0] + "/" + model[1], available + "/" + held,
                    context + ": balance of " + key(account, asset));
                if (account != SpotRisk.FEE_ACCOUNT)
                {
                    assertTrue(available >= 0 && held >= 0, context + ": negative " + key(account, asset));
                }
                assertEquals((long)holds.getOrDefault(key(account, asset), 0L), held,
                    context + ": held is not the sum of the open orders' holds of " + key(account, asset));
                sums[asset] += available + held;
            }
        }
        for (int asset = 0; asset < ASSETS; asset++)
        {
            assertEquals(netDeposits[asset], sums[asset], context + ": sum of asset " + asset);
        }
    }

    /** @return balances rendered in key order. */
    static String render(final Map<String, long[]> balances)
    {
        final StringBuilder text = new StringBuilder();
        new TreeMap<>(balances).forEach((key, amounts) ->
            text.append(key).append('=').append(amounts[0]).append('/').append(amounts[1]).append(' '));
        return text.toString();
    }

    static String key(final long account, final int asset)
    {
        return account + ":" + asset;
    }

    /**
     * Restore a copy of the engine from its snapshot and check that it has the same state hash and the same available
     * and held balance of every account below {@code accounts} (and FEES, -1) in every asset.
     *
     * @return the copy.
     */
    static MatchingEngine checkSnapshotCopy(
        final MatchingEngine engine, final ExecutionListener listener, final long accounts, final String context)
    {
        final MatchingEngine copy = new MatchingEngine(new EngineContext(), listener);
        engine.snapshot(new SnapshotRestorer(copy));
        assertEquals(engine.stateHash(), copy.stateHash(), context + ": snapshot copy");
        for (long account = -1; account < accounts; account++)
        {
            for (int asset = 0; asset < ASSETS; asset++)
            {
                assertEquals(engine.balances().available(account, asset), copy.balances().available(account, asset));
                assertEquals(engine.balances().held(account, asset), copy.balances().held(account, asset));
            }
        }
        return copy;
    }
}
