package io.arbiter.engine.risk;

import io.arbiter.engine.Prices;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.Side;
import io.arbiter.engine.book.OrderStore;

import java.util.Arrays;

/**
 * Spot pre-trade risk: which instruments trade a base asset against a quote asset, their fees and limits, and the
 * rules that take a hold when an order is accepted, settle each fill from the holds, and release what is left when an
 * order finishes (docs/engine-semantics.md, "Balances, holds and fees"). The engine calls it only for instruments
 * that have assets ({@link #isEnabled}), so others pay nothing. It keeps the hold of the order being matched (the
 * taker) in fields, and those of resting orders in {@link OrderHolds}. An order pays the fee rates in force when it
 * was accepted or last replaced, so that its hold always covers its fills. Owned by the matching thread; allocates
 * nothing on the matching path.
 */
public final class SpotRisk
{
    /** The account that collects fees; no order, deposit or withdrawal may name it. */
    public static final long FEE_ACCOUNT = -1L;

    private static final int NO_ASSET = -1;

    private final BalanceLedger ledger = new BalanceLedger();
    private final OrderStore orders;
    private final OrderHolds holds;
    private int[] baseAssets = new int[0];
    private int[] quoteAssets = new int[0];
    private int[] makerBps = new int[0];
    private int[] takerBps = new int[0];
    private long[] lotSizes = new long[0];
    private long[] maxQuantities = new long[0];
    private long[] maxNotionals = new long[0];
    private int feeAccountIndex = BalanceLedger.NONE;
    private int takerSlot;
    private long takerHold;
    private int takerMakerBps;
    private int takerTakerBps;
    private boolean hasTaker;
    private boolean takerMarketBuy;
    private boolean active;

    /**
     * @param orders the engine's orders, whose holds this keeps.
     */
    public SpotRisk(final OrderStore orders)
    {
        this.orders = orders;
        holds = new OrderHolds(orders);
    }

    /**
     * @return the holds of resting orders, to read.
     */
    public OrderHolds holds()
    {
        return holds;
    }

    /**
     * Restore the hold of a resting order (control plane; the balance itself is restored separately).
     *
     * @param order        index of the order.
     * @param instrumentId its instrument, with assets.
     * @param account      its account.
     * @param side         its side.
     * @param amount       still held for it.
     * @param maker        maker fee rate it pays.
     * @param taker        taker fee rate it pays.
     */
    public void restoreHold(
        final int order, final int instrumentId, final long account, final Side side, final long amount,
        final int maker, final int taker)
    {
        final int asset = side == Side.SELL ? baseAssets[instrumentId] : quoteAssets[instrumentId];
        holds.set(order, amount, ledger.slot(ledger.addAccount(account), asset), maker, taker);
    }

    /**
     * @return the balances.
     */
    public BalanceLedger ledger()
    {
        return ledger;
    }

    /**
     * Register an instrument (control plane, produces garbage); ids must come in order.
     *
     * @param instrumentId dense id of the instrument.
     * @param lotSize      its lot size.
     * @param base         asset of its quantities, or null for an instrument without risk.
     * @param quote        asset of its prices, or null for an instrument without risk.
     * @throws IllegalArgumentException if only one asset is given, both are the same, or the id is out of order.
     */
    public void defineInstrument(final int instrumentId, final long lotSize, final String base, final String quote)
    {
        if (instrumentId != baseAssets.length)
        {
            throw new IllegalArgumentException("instrument defined out of order: " + instrumentId);
        }
        if ((base == null) != (quote == null) || base != null && base.equals(quote))
        {
            throw new IllegalArgumentException(
                "an instrument needs two different assets or none: " + base + "/" + quote);
        }
        final int length = instrumentId + 1;
        baseAssets = Arrays.copyOf(baseAssets, length);
        quoteAssets = Arrays.copyOf(quoteAssets, length);
        makerBps = Arrays.copyOf(makerBps, length);
        takerBps = Arrays.copyOf(takerBps, length);
        lotSizes = Arrays.copyOf(lotSizes, length);
        maxQuantities = Arrays.copyOf(maxQuantities, length);
        maxNotionals = Arrays.copyOf(maxNotionals, length);
        final int shift = ledger.strideShift();
        baseAssets[instrumentId] = base == null ? NO_ASSET : ledger.defineAsset(base);
        quoteAssets[instrumentId] = quote == null ? NO_ASSET : ledger.defineAsset(quote);
        lotSizes[instrumentId] = lotSize;
        if (ledger.strideShift() != shift)
        {
            holds.reslot(shift, ledger.strideShift());
        }
        if (base != null && feeAccountIndex == BalanceLedger.NONE)
        {
            feeAccountIndex = ledger.addAccount(FEE_ACCOUNT);
            holds.allocate(orders.capacity());
            active = true;
        }
    }

    /**
     * @return whether any instrument has assets (until then no order has a hold and nothing here runs).
     */
    public boolean isActive()
    {
        return active;
    }

    /**
     * @return whether a taker's hold is in this object's fields: taken by {@link #tryHoldNew} or {@link #loadTaker}
     *         and not yet given to {@link #restTaker} or {@link #finishTaker}.
     */
    public boolean hasTaker()
    {
        return hasTaker;
    }

    /**
     * @return whether the current taker is a BUY MARKET order (or a triggered BUY STOP_MARKET), which buys only what
     *         its hold can pay for.
     */
    public boolean takerIsMarketBuy()
    {
        return hasTaker && takerMarketBuy;
    }

    /**
     * @param instrumentId a defined instrument.
     * @return whether it has assets, so that its orders take holds and its fills settle.
     */
    public boolean isEnabled(final int instrumentId)
    {
        return baseAssets[instrumentId] != NO_ASSET;
    }

    /**
     * @param instrumentId a defined instrument.
     * @return its base asset id, or -1.
     */
    public int baseAsset(final int instrumentId)
    {
        return baseAssets[instrumentId];
    }

    /**
     * @param instrumentId a defined instrument.
     * @return its quote asset id, or -1.
     */
    public int quoteAsset(final int instrumentId)
    {
        return quoteAssets[instrumentId];
    }

    /**
     * Set an instrument's fees.
     *
     * @param instrumentId a defined instrument with assets.
     * @param maker        maker fee in basis points (negative: a rebate), within ±{@link Amounts#MAX_BPS}.
     * @param taker        taker fee in basis points, at least {@code maker}, within ±{@link Amounts#MAX_BPS}.
     * @throws IllegalArgumentException if a rate is out of range or {@code maker > taker}.
     */
    public void fees(final int instrumentId, final int maker, final int taker)
    {
        if (maker > taker || Math.abs(maker) > Amounts.MAX_BPS || Math.abs(taker) > Amounts.MAX_BPS)
        {
            throw new IllegalArgumentException("fees need -10000 <= maker <= taker <= 10000: " + maker + ", " + taker);
        }
        makerBps[instrumentId] = maker;
        takerBps[instrumentId] = taker;
    }

    /**
     * @param instrumentId a defined instrument.
     * @return its maker fee in basis points.
     */
    public int makerBps(final int instrumentId)
    {
        return makerBps[instrumentId];
    }

    /**
     * @param instrumentId a defined instrument.
     * @return its taker fee in basis points.
     */
    public int takerBps(final int instrumentId)
    {
        return takerBps[instrumentId];
    }

    /**
     * Set an instrument's order limits.
     *
     * @param instrumentId a defined instrument.
     * @param maxQuantity  largest order quantity, 0 for none.
     * @param maxNotional  largest LIMIT order notional in quote units, 0 for none.
     * @throws IllegalArgumentException if a limit is negative.
     */
    public void limits(final int instrumentId, final long maxQuantity, final long maxNotional)
    {
        if (maxQuantity < 0 || maxNotional < 0)
        {
            throw new IllegalArgumentException("limits must not be negative: " + maxQuantity + ", " + maxNotional);
        }
        maxQuantities[instrumentId] = maxQuantity;
        maxNotionals[instrumentId] = maxNotional;
    }

    /**
     * @param instrumentId a defined instrument.
     * @return its largest order quantity, 0 for none.
     */
    public long maxQuantity(final int instrumentId)
    {
        return maxQuantities[instrumentId];
    }

    /**
     * @param instrumentId a defined instrument.
     * @return its largest LIMIT order notional, 0 for none.
     */
    public long maxNotional(final int instrumentId)
    {
        return maxNotionals[instrumentId];
    }

    /**
     * Add to an account's available balance.
     *
     * @param account not {@link #FEE_ACCOUNT}.
     * @param asset   a defined asset.
     * @param amount  positive.
     * @return false (changing nothing) if the available balance would overflow.
     */
    public boolean deposit(final long account, final int asset, final long amount)
    {
        final int slot = ledger.slot(ledger.addAccount(account), asset);
        if (ledger.available(slot) > Long.MAX_VALUE - amount)
        {
            return false;
        }
        ledger.addAvailable(slot, amount);
        return true;
    }

    /**
     * Take from an account's available balance.
     *
     * @param account not {@link #FEE_ACCOUNT}.
     * @param asset   a defined asset.
     * @param amount  positive.
     * @return false (changing nothing) if the available balance is smaller than the amount.
     */
    public boolean withdraw(final long account, final int asset, final long amount)
    {
        final int index = ledger.accountIndex(account);
        if (index == BalanceLedger.NONE || ledger.available(ledger.slot(index, asset)) < amount)
        {
            return false;
        }
        ledger.addAvailable(ledger.slot(index, asset), -amount);
        return true;
    }

    /**
     * Check a NEW order of a risk instrument against the limits and the account's funds and, if it passes, take its
     * hold as the current taker's. Checks, first failing wins: unrepresentable amounts ({@code INVALID_QTY}),
     * {@code MAX_QTY_EXCEEDED}, {@code MAX_NOTIONAL_EXCEEDED} (LIMIT only), {@code INSUFFICIENT_FUNDS}.
     *
     * @param instrumentId a risk instrument.
     * @param account      of the order.
     * @param side         of the order.
     * @param price        limit price in units, or {@link Prices#NULL_PRICE} for a MARKET order.
     * @param quantity     valid quantity.
     * @return null if the hold was taken, otherwise why the order is rejected (nothing changed).
     */
    public RejectReason tryHoldNew(
        final int instrumentId, final long account, final Side side, final long price, final long quantity)
    {
        final boolean market = price == Prices.NULL_PRICE;
        final long notional = market ? 0 : Amounts.notional(price, quantity);
        final long required;
        final int asset;
        if (side == Side.SELL)
        {
            required = Amounts.notional(Prices.UNIT, quantity);
            asset = baseAssets[instrumentId];
        }
        else
        {
            required = market ? 0 : Amounts.limitBuyHold(notional, takerBps[instrumentId]);
            asset = quoteAssets[instrumentId];
        }
        final RejectReason invalid = checkLimits(instrumentId, market, notional, required, quantity);
        if (invalid != null)
        {
            return invalid;
        }

        final int index = ledger.accountIndex(account);
        final int slot = index == BalanceLedger.NONE ? BalanceLedger.NONE : ledger.slot(index, asset);
        final long available = slot == BalanceLedger.NONE ? 0 : ledger.available(slot);
        final long hold = market && side == Side.BUY ? available : required;
        if (hold > available || hold == 0)
        {
            return RejectReason.INSUFFICIENT_FUNDS;
        }
        ledger.hold(slot, hold);
        takerSlot = slot;
        takerHold = hold;
        takerMakerBps = makerBps[instrumentId];
        takerTakerBps = takerBps[instrumentId];
        takerMarketBuy = market && side == Side.BUY;
        hasTaker = true;
        return null;
    }

    /**
     * Check a REPLACE of a resting order of a risk instrument against the limits and funds and, if it passes, adjust
     * its hold to what the new price and quantity need: more is taken from available, any excess returns.
     *
     * @param order        index of the resting order.
     * @param instrumentId its instrument, a risk instrument.
     * @param side         its side.
     * @param price        new limit price in units.
     * @param quantity     new valid quantity.
     * @return null if the hold was adjusted, otherwise why the replace is rejected (nothing changed).
     */
    public RejectReason tryRehold(
        final int order, final int instrumentId, final Side side, final long price, final long quantity)
    {
        final long notional = Amounts.notional(price, quantity);
        final long required = side == Side.SELL ?
            Amounts.notional(Prices.UNIT, quantity) : Amounts.limitBuyHold(notional, takerBps[instrumentId]);
        final RejectReason invalid = checkLimits(instrumentId, false, notional, required, quantity);
        if (invalid != null)
        {
            return invalid;
        }
        final OrderHolds holds = this.holds;
        final int slot = holds.slot(order);
        final long more = required - holds.heldAmount(order);
        if (more > ledger.available(slot))
        {
            return RejectReason.INSUFFICIENT_FUNDS;
        }
        ledger.hold(slot, more);
        holds.set(order, required, slot, makerBps[instrumentId], takerBps[instrumentId]);
        return null;
    }

    private RejectReason checkLimits(
        final int instrumentId, final boolean market, final long notional, final long required, final long quantity)
    {
        if (notional < 0 || required < 0 || Amounts.notional(Prices.UNIT, quantity) < 0)
        {
            return RejectReason.INVALID_QTY;
        }
        final long maxQuantity = maxQuantities[instrumentId];
        if (maxQuantity != 0 && quantity > maxQuantity)
        {
            return RejectReason.MAX_QTY_EXCEEDED;
        }
        final long maxNotional = maxNotionals[instrumentId];
        if (!market && maxNotional != 0 && notional > maxNotional)
        {
            return RejectReason.MAX_NOTIONAL_EXCEEDED;
        }
        return null;
    }

    /**
     * Move an open order's hold into the current taker's (a REPLACE that re-enters the book, a stop that triggers);
     * the order's own hold is left at zero.
     *
     * @param order     index of the open order.
     * @param marketBuy whether it enters as a BUY MARKET order.
     */
    public void loadTaker(final int order, final boolean marketBuy)
    {
        final OrderHolds holds = this.holds;
        takerSlot = holds.slot(order);
        takerHold = holds.heldAmount(order);
        takerMakerBps = holds.makerBps(order);
        takerTakerBps = holds.takerBps(order);
        takerMarketBuy = marketBuy;
        hasTaker = true;
        holds.heldAmount(order, 0);
    }

    /**
     * The current taker rests: its hold becomes the order's.
     *
     * @param order index the taker rests under.
     */
    public void restTaker(final int order)
    {
        holds.set(order, takerHold, takerSlot, takerMakerBps, takerTakerBps);
        hasTaker = false;
    }

    /**
     * The current taker finished without resting: what is left of its hold returns to available.
     */
    public void finishTaker()
    {
        ledger.hold(takerSlot, -takerHold);
        takerHold = 0;
        hasTaker = false;
    }

    /**
     * An open order finished (filled, cancelled, triggered): what is left of its hold returns to available and the
     * order has no hold any more.
     *
     * @param order index of the order.
     */
    public void release(final int order)
    {
        final OrderHolds holds = this.holds;
        if (!holds.has(order))
        {
            return;
        }
        final long amount = holds.heldAmount(order);
        if (amount != 0)
        {
            ledger.hold(holds.slot(order), -amount);
        }
        holds.detach(order);
    }

    /**
     * How much of a maker the current taker, a BUY MARKET order, can afford.
     *
     * @param instrumentId the instrument.
     * @param price        the maker's price in units.
     * @param limit        most to take: what both sides have left.
     * @return the largest lot multiple, at most {@code limit}, whose cost plus taker fee fits the taker's hold.
     */
    public long affordable(final int instrumentId, final long price, final long limit)
    {
        return Amounts.affordable(takerHold, price, limit, lotSizes[instrumentId], takerTakerBps);
    }

    /**
     * @return the taker fee rate the current taker pays, in basis points.
     */
    public int takerFeeBps()
    {
        return takerTakerBps;
    }

    /**
     * @return what is left of the current taker's hold.
     */
    public long takerHold()
    {
        return takerHold;
    }

    /**
     * Settle one fill: the buyer's hold pays the notional and the buyer's fee and the buyer gains the base; the
     * seller's hold pays the base and the seller gains the notional less the seller's fee; the fee account gains both
     * fees. The taker pays its taker rate, the maker its maker rate.
     *
     * @param instrumentId a risk instrument.
     * @param takerSide    side of the current taker.
     * @param price        trade price in units.
     * @param quantity     traded quantity.
     * @param makerOrder   index of the resting order.
     */
    public void settle(
        final int instrumentId, final Side takerSide, final long price, final long quantity, final int makerOrder)
    {
        final BalanceLedger ledger = this.ledger;
        final long notional = price * quantity;
        final long base = Prices.UNIT * quantity;
        final int baseAsset = baseAssets[instrumentId];
        final int quoteAsset = quoteAssets[instrumentId];
        final long takerFee = Amounts.fee(notional, takerTakerBps);
        final OrderHolds holds = this.holds;
        final long makerFee = Amounts.fee(notional, holds.makerBps(makerOrder));
        final int makerSlot = holds.slot(makerOrder);
        final int buyerQuote;
        final int sellerBase;
        final long buyerPays;
        final long sellerGets;
        if (takerSide == Side.BUY)
        {
            buyerQuote = takerSlot;
            sellerBase = makerSlot;
            buyerPays = notional + takerFee;
            sellerGets = notional - makerFee;
            takerHold -= buyerPays;
            holds.pay(makerOrder, base);
        }
        else
        {
            buyerQuote = makerSlot;
            sellerBase = takerSlot;
            buyerPays = notional + makerFee;
            sellerGets = notional - takerFee;
            takerHold -= base;
            holds.pay(makerOrder, buyerPays);
        }
        ledger.addHeld(buyerQuote, -buyerPays);
        ledger.addAvailable(ledger.sibling(buyerQuote, baseAsset), base);
        ledger.addHeld(sellerBase, -base);
        ledger.addAvailable(ledger.sibling(sellerBase, quoteAsset), sellerGets);
        if (takerFee + makerFee != 0)
        {
            ledger.addAvailable(ledger.slot(feeAccountIndex, quoteAsset), takerFee + makerFee);
        }
    }
}
