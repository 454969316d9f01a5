package io.arbiter.cluster.service;

import io.arbiter.cluster.codec.EgressDescriptor;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.risk.BalanceLedger;

/**
 * The service's side of operator commands sent through the log (docs/cluster.md, "Operator commands in cluster
 * mode"): which command types a gateway may send, the asset of a DEPOSIT or WITHDRAW resolved from the name the
 * gateway packed into its order id field (asset ids are the shard's own), and the outcome reported to the sender.
 * Every member does the same at the same point of the log. Service thread only; allocates nothing.
 */
final class OperatorCommandDesk
{
    private final MatchingEngine engine;
    private final ReportCollector reports;

    OperatorCommandDesk(final MatchingEngine engine, final ReportCollector reports)
    {
        this.engine = engine;
        this.reports = reports;
    }

    /**
     * @param type a decoded command's type.
     * @return true for an operator command a gateway may send (not INSTRUMENT: the instruments are the configuration's;
     *         not TIME: the log's time is the clock).
     */
    static boolean isOperatorCommand(final CommandType type)
    {
        return switch (type)
        {
            case DEPOSIT, WITHDRAW, HALT, RESUME, DELIST, BAND, FEES, LIMITS, DISABLE, ENABLE -> true;
            default -> false;
        };
    }

    /**
     * @param type a decoded command's type.
     * @return true for a command no gateway may send (INSTRUMENT, TIME).
     */
    static boolean isRefused(final CommandType type)
    {
        return type == CommandType.INSTRUMENT || type == CommandType.TIME;
    }

    /**
     * Resolve a DEPOSIT's or WITHDRAW's asset: the gateway sends its name packed in the order id field, this shard's
     * asset id goes into the instrument id field (-1 for a name no instrument of the shard has: the engine refuses).
     *
     * @param command decoded from the log; changed in place.
     */
    void prepare(final Command command)
    {
        if (command.type() == CommandType.DEPOSIT || command.type() == CommandType.WITHDRAW)
        {
            final long packed = command.orderId();
            final BalanceLedger ledger = engine.balances();
            int asset = -1;
            for (int id = 0; id < ledger.assetCount() && asset < 0; id++)
            {
                if (EgressDescriptor.packAssetName(ledger.assetName(id)) == packed)
                {
                    asset = id;
                }
            }
            command.instrumentId(asset).orderId(0);
        }
    }

    /**
     * Report the outcome of the operator command just applied to its sender (the command set by
     * {@link ReportCollector#beginCommand}).
     *
     * @param stream  the sending gateway's.
     * @param command the applied command.
     */
    void reportOutcome(final GatewayStream stream, final Command command)
    {
        final CommandType type = command.type();
        final boolean viaOperators = type != CommandType.HALT && type != CommandType.RESUME &&
            type != CommandType.DELIST && type != CommandType.BAND;
        final long result = viaOperators ? engine.lastOperatorResult() : 0;
        final boolean refused = viaOperators && result < 0 && engine.lastOperatorRefusal() != null;
        long available = 0;
        long held = 0;
        long name = 0;
        final int asset = command.instrumentId();
        final boolean funds = type == CommandType.DEPOSIT || type == CommandType.WITHDRAW;
        if (funds && asset >= 0 && asset < engine.balances().assetCount())
        {
            available = engine.balances().available(command.account(), asset);
            held = engine.balances().held(command.account(), asset);
            name = EgressDescriptor.packAssetName(engine.balances().assetName(asset));
        }
        reports.operatorResult(stream, type, refused, asset, name, command.account(), result, command.sequence(),
            available, held);
    }
}
