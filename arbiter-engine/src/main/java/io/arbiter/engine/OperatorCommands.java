package io.arbiter.engine;

import io.arbiter.engine.risk.BalanceLedger;
import io.arbiter.engine.risk.RiskControls;
import io.arbiter.engine.risk.SpotRisk;

/**
 * Applies the operator's commands (INSTRUMENT, DEPOSIT, WITHDRAW, FEES, LIMITS, DISABLE, ENABLE) for
 * {@link MatchingEngine#onCommand}, through the same entry points a command file uses
 * ({@link MatchingEngine#addInstrument(String, long, long, String, String)} and {@link RiskControls}), so that live
 * state, a journal replay and {@code arbiter match} agree. A command whose fields are out of range or name nothing
 * defined changes nothing and is refused ({@link #result()} is {@link #REFUSED}, {@link #refusal()} says why); callers
 * check first, so a journaled command is never refused. Owned by the engine's thread; control plane (an INSTRUMENT
 * allocates).
 */
final class OperatorCommands
{
    /** {@link #result()} of a refused command. */
    static final long REFUSED = -1;

    private final MatchingEngine engine;
    private final RiskControls controls;
    private final SpotRisk risk;
    private final BalanceLedger ledger;
    private final ExecutionListener listener;
    private long result;
    private String refusal;

    OperatorCommands(final MatchingEngine engine, final ExecutionListener listener)
    {
        this.engine = engine;
        this.controls = engine.riskControls();
        this.risk = engine.risk();
        this.ledger = engine.balances();
        this.listener = listener;
    }

    long result()
    {
        return result;
    }

    String refusal()
    {
        return refusal;
    }

    void apply(final Command command)
    {
        result = 0;
        refusal = null;
        final CommandType type = command.type();
        switch (type)
        {
            case INSTRUMENT:
                defineInstrument(command);
                break;
            case DEPOSIT:
            case WITHDRAW:
                funds(type, command.account(), command.instrumentId(), command.quantity());
                break;
            case FEES:
                if (riskInstrument(command.instrumentId()) && bps(command.price()) && bps(command.quantity()) &&
                    command.price() <= command.quantity())
                {
                    controls.fees(command.instrumentId(), (int)command.price(), (int)command.quantity());
                }
                else if (refusal == null)
                {
                    refuse("fees need -10000 <= maker <= taker <= 10000");
                }
                break;
            case LIMITS:
                if (riskInstrument(command.instrumentId()) && command.quantity() >= 0 && command.price() >= 0)
                {
                    controls.limits(command.instrumentId(), command.quantity(), command.price());
                }
                else if (refusal == null)
                {
                    refuse("limits must not be negative");
                }
                break;
            case DISABLE:
                final int canceled = controls.disable(command.account());
                result = canceled;
                listener.onAccountState(CommandType.DISABLE, command.account(), canceled);
                break;
            case ENABLE:
                controls.enable(command.account());
                listener.onAccountState(CommandType.ENABLE, command.account(), 0);
                break;
            default:
                refuse("not an operator command: " + type);
                break;
        }
    }

    private void defineInstrument(final Command command)
    {
        final String symbol = command.symbol();
        if (symbol == null || engine.instrumentId(symbol) >= 0)
        {
            refuse("instrument already defined: " + symbol);
            return;
        }
        try
        {
            final Instrument instrument = engine.addInstrument(
                symbol, command.price(), command.quantity(), command.baseAsset(), command.quoteAsset());
            result = instrument.id();
            listener.onInstrumentDefined(instrument);
        }
        catch (final IllegalArgumentException ex)
        {
            refuse(ex.getMessage());
        }
    }

    private void funds(final CommandType type, final long account, final int asset, final long amount)
    {
        if (asset < 0 || asset >= ledger.assetCount() || amount <= 0 || account == SpotRisk.FEE_ACCOUNT)
        {
            refuse(type + " needs a defined asset, a positive amount and an account other than the fee account");
            return;
        }
        final boolean done = type == CommandType.DEPOSIT ?
            controls.deposit(account, asset, amount) : controls.withdraw(account, asset, amount);
        result = done ? 1 : 0;
        if (!done)
        {
            listener.onFundsRefused(type, account, asset, amount);
        }
    }

    private boolean riskInstrument(final int instrumentId)
    {
        if (!engine.isListed(instrumentId) || !risk.isEnabled(instrumentId))
        {
            refuse("not a listed instrument with assets: " + instrumentId);
            return false;
        }
        return true;
    }

    private static boolean bps(final long value)
    {
        return value >= -10_000 && value <= 10_000;
    }

    private void refuse(final String why)
    {
        result = REFUSED;
        refusal = why;
    }
}
