package io.arbiter.engine.risk;

import io.arbiter.engine.BalanceListener;

import java.util.function.IntPredicate;
import java.util.function.LongToIntFunction;

/**
 * The operator's controls of an engine's spot risk: deposits and withdrawals, fees and limits of the instruments with
 * assets, the kill switch, and the restore of balances from a snapshot. Control plane, on the thread that owns the
 * engine; get it from {@code MatchingEngine.riskControls()}.
 */
public final class RiskControls
{
    private final SpotRisk risk;
    private final BalanceLedger ledger;
    private final IntPredicate defined;
    private final LongToIntFunction cancelAll;
    private final Runnable endCommand;

    /**
     * Made by the engine.
     *
     * @param risk       the engine's risk.
     * @param defined    whether an instrument id is defined.
     * @param cancelAll  cancels every open order of an account, reason {@code ACCOUNT_DISABLED}, returning the count.
     * @param endCommand reports the balances and levels changed since the last command.
     */
    public RiskControls(
        final SpotRisk risk, final IntPredicate defined, final LongToIntFunction cancelAll, final Runnable endCommand)
    {
        this.risk = risk;
        this.ledger = risk.ledger();
        this.defined = defined;
        this.cancelAll = cancelAll;
        this.endCommand = endCommand;
    }

    /**
     * @param name of an asset.
     * @return its id, or -1 if no instrument names it.
     */
    public int assetId(final String name)
    {
        return ledger.assetId(name);
    }

    /**
     * @param asset id of a defined asset.
     * @return its name.
     */
    public String assetName(final int asset)
    {
        return ledger.assetName(asset);
    }

    /**
     * Add to an account's available balance; the change reaches the {@link BalanceListener} before this returns.
     *
     * @param account not {@link SpotRisk#FEE_ACCOUNT}.
     * @param asset   id of a defined asset.
     * @param amount  positive, in 10<sup>-8</sup> units.
     * @return false (changing nothing) if the balance would exceed the largest {@code long}.
     */
    public boolean deposit(final long account, final int asset, final long amount)
    {
        final boolean done = risk.deposit(account, asset, amount);
        endCommand.run();
        return done;
    }

    /**
     * Take from an account's available balance; the change reaches the {@link BalanceListener} before this returns.
     *
     * @param account not {@link SpotRisk#FEE_ACCOUNT}.
     * @param asset   id of a defined asset.
     * @param amount  positive, in 10<sup>-8</sup> units.
     * @return false (changing nothing) if the available balance is smaller than the amount.
     */
    public boolean withdraw(final long account, final int asset, final long amount)
    {
        final boolean done = risk.withdraw(account, asset, amount);
        endCommand.run();
        return done;
    }

    /**
     * Set the fees of an instrument with assets; they apply to orders accepted or replaced from now on.
     *
     * @param instrumentId a defined instrument.
     * @param makerBps     maker fee in basis points (negative: a rebate).
     * @param takerBps     taker fee in basis points, at least the maker fee.
     * @throws IllegalArgumentException if the instrument has no assets or the rates are out of range.
     */
    public void fees(final int instrumentId, final int makerBps, final int takerBps)
    {
        risk.fees(riskInstrument(instrumentId), makerBps, takerBps);
    }

    /**
     * Set the order limits of an instrument with assets.
     *
     * @param instrumentId a defined instrument.
     * @param maxQuantity  largest order quantity, 0 for none.
     * @param maxNotional  largest LIMIT order notional in quote units, 0 for none.
     * @throws IllegalArgumentException if the instrument has no assets or a limit is negative.
     */
    public void limits(final int instrumentId, final long maxQuantity, final long maxNotional)
    {
        risk.limits(riskInstrument(instrumentId), maxQuantity, maxNotional);
    }

    /**
     * Kill switch: cancel every open order of the account, resting or waiting stop, in acceptance order (reason
     * {@code ACCOUNT_DISABLED}), then refuse its new orders and replaces until {@link #enable}; cancels still work.
     * The cancels reach the listener before this returns; the balances and levels they changed are reported by the
     * next {@link #endControlCommand()} (or command), so that a caller can print its own line first.
     *
     * @param account to disable.
     * @return number of orders cancelled.
     */
    public int disable(final long account)
    {
        ledger.disabled(account, true);
        return cancelAll.applyAsInt(account);
    }

    /**
     * Report the balances and price levels that control operations ({@link #disable}) changed since the last
     * command, as a command's end does.
     */
    public void endControlCommand()
    {
        endCommand.run();
    }

    /**
     * Let a disabled account place and replace orders again.
     *
     * @param account to enable.
     */
    public void enable(final long account)
    {
        ledger.disabled(account, false);
    }

    /**
     * Restore one balance from a snapshot (before the holds of the orders).
     *
     * @param account   from {@code SnapshotListener.onBalance}.
     * @param asset     id of a restored asset.
     * @param available amount.
     * @param held      amount.
     */
    public void restoreBalance(final long account, final int asset, final long available, final long held)
    {
        ledger.set(ledger.slot(ledger.addAccount(account), asset), available, held);
        ledger.clearChanges();
    }

    /**
     * Restore a disabled account from a snapshot (no order is cancelled).
     *
     * @param account from {@code SnapshotListener.onDisabledAccount}.
     */
    public void restoreDisabledAccount(final long account)
    {
        ledger.disabled(account, true);
    }

    /**
     * Report the balances changed since the last report to the listener, then forget the changes.
     *
     * @param listener to report to, or null to only forget them.
     */
    public void reportBalances(final BalanceListener listener)
    {
        final BalanceLedger ledger = this.ledger;
        if (listener != null)
        {
            boolean reported = false;
            for (int rank = 0, count = ledger.changeCount(); rank < count; rank++)
            {
                if (ledger.isChanged(rank))
                {
                    final int slot = ledger.changedSlot(rank);
                    listener.onBalance(
                        ledger.changedAccount(rank), ledger.changedAsset(rank), ledger.available(slot),
                        ledger.held(slot));
                    reported = true;
                }
            }
            if (reported)
            {
                listener.onBalancesEnd();
            }
        }
        ledger.clearChanges();
    }

    private int riskInstrument(final int instrumentId)
    {
        if (!defined.test(instrumentId) || !risk.isEnabled(instrumentId))
        {
            throw new IllegalArgumentException("not an instrument with assets: " + instrumentId);
        }
        return instrumentId;
    }
}
