package io.arbiter.server.matching;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.Instrument;
import io.arbiter.server.sequencer.ControlRequest;
import io.arbiter.server.sequencer.OperatorCommand;
import io.arbiter.server.sequencer.OperatorRefusal;

/**
 * The matching thread's side of the operator's commands in cluster mode (docs/cluster.md, "Operator commands in
 * cluster mode"): resolves an {@link OperatorCommand}'s names against the cluster's instruments into an engine
 * {@link Command} that goes through the cluster's log (or refuses it before anything is sent), and gathers the
 * outcomes the shards report into the answer a single node gives ({@link OperatorDesk#describe}). Matching thread
 * only; control plane (produces garbage).
 */
final class ReplicatedOperatorDesk
{
    private final Instrument[] instruments;

    /**
     * @param instruments the cluster's instruments under the node's ids.
     */
    ReplicatedOperatorDesk(final Instrument[] instruments)
    {
        this.instruments = instruments;
    }

    /**
     * Resolve a request into an engine command.
     *
     * @param operator the request.
     * @param command  filled with the command to send (a DEPOSIT's or WITHDRAW's asset is named by the request and
     *                 resolved by the shard: its asset id here is -1).
     * @return for DEPOSIT and WITHDRAW the node's id of the pair the request names (its shard holds the balance), or
     *         -1 if it names none; else -1.
     * @throws OperatorRefusal if it names something undefined or is not served in cluster mode.
     */
    int prepare(final OperatorCommand operator, final Command command)
    {
        final CommandType type = operator.type();
        switch (type)
        {
            case INSTRUMENT:
                throw new OperatorRefusal(409, "instruments cannot be defined in cluster mode: they come from the " +
                    "cluster's configuration files (instrument.* keys of every member and of the node)");
            case DELIST:
                throw new OperatorRefusal(409, "delisting is not served in cluster mode: the nodes' symbol tables " +
                    "and instrument lists come from the cluster's configuration files; halt the instrument instead");
            case HALT:
            case RESUME:
                command.instrumentCommand(type, instrumentId(operator.symbol()));
                return -1;
            case BAND:
                command.band(instrumentId(operator.symbol()), operator.first());
                return -1;
            case FEES:
                command.fees(riskInstrumentId(operator.symbol()), (int)operator.first(), (int)operator.second());
                return -1;
            case LIMITS:
                command.limits(riskInstrumentId(operator.symbol()), operator.first(), operator.second());
                return -1;
            case DEPOSIT:
            case WITHDRAW:
                if (!hasAsset(operator.asset()))
                {
                    throw new OperatorRefusal(404, "unknown asset: " + operator.asset() +
                        " (assets are named by instruments with base and quote)");
                }
                command.funds(type, operator.account(), -1, operator.first());
                if (operator.symbol() == null)
                {
                    return -1;
                }
                final int pair = instrumentId(operator.symbol());
                if (!operator.asset().equals(instruments[pair].baseAsset()) &&
                    !operator.asset().equals(instruments[pair].quoteAsset()))
                {
                    throw new OperatorRefusal(400, operator.symbol() + " does not trade " + operator.asset());
                }
                return pair;
            case DISABLE:
            case ENABLE:
                command.accountCommand(type, operator.account());
                return -1;
            default:
                throw new OperatorRefusal(400, "not an operator command: " + type);
        }
    }

    private boolean hasAsset(final String asset)
    {
        for (final Instrument instrument : instruments)
        {
            if (asset.equals(instrument.baseAsset()) || asset.equals(instrument.quoteAsset()))
            {
                return true;
            }
        }
        return false;
    }

    private int instrumentId(final String symbol)
    {
        for (final Instrument instrument : instruments)
        {
            if (instrument.symbol().equals(symbol))
            {
                return instrument.id();
            }
        }
        throw new OperatorRefusal(404, "unknown symbol: " + symbol);
    }

    private int riskInstrumentId(final String symbol)
    {
        final int id = instrumentId(symbol);
        if (instruments[id].baseAsset() == null)
        {
            throw new OperatorRefusal(400, "instrument " + symbol + " has no assets: fees and limits apply only to " +
                "instruments defined with base and quote assets");
        }
        return id;
    }

    /**
     * An operator command sent to one shard or several (DISABLE and ENABLE go to every shard): its request is answered
     * once every shard reported its outcome.
     */
    static final class Pending
    {
        private final ControlRequest request;
        private final CommandType type;
        private final long quantity;
        private int remaining;
        private long result;
        private long sequence;
        private boolean refused;
        private long available;
        private long held;

        /**
         * @param request the operator's request.
         * @param command the command sent.
         */
        Pending(final ControlRequest request, final Command command)
        {
            this.request = request;
            this.type = command.type();
            this.quantity = command.quantity();
        }

        /**
         * @param shards how many shards the command went to.
         */
        void sentTo(final int shards)
        {
            remaining = shards;
        }

        /**
         * One shard's outcome; the request is answered with the last one (DISABLE: the orders cancelled on every
         * shard; the sequence is the largest of the shards').
         *
         * @param refused   whether the shard's engine refused it.
         * @param result    the shard's engine result.
         * @param sequence  the shard's sequence of the command.
         * @param available DEPOSIT, WITHDRAW: available amount after it.
         * @param held      DEPOSIT, WITHDRAW: held amount after it.
         */
        void onOutcome(final boolean refused, final long result, final long sequence, final long available,
            final long held)
        {
            this.refused |= refused;
            this.result = type == CommandType.DISABLE ? this.result + Math.max(0, result) : result;
            this.sequence = Math.max(this.sequence, sequence);
            this.available = available;
            this.held = held;
            if (--remaining == 0)
            {
                final ObjectNode answer = OperatorDesk.describe(type, this.sequence, this.refused ? -1 : this.result,
                    this.refused ? "refused by the cluster's engine" : null, request.operator(), quantity,
                    this.available, this.held);
                // the outcome is reported only once a majority of the members holds the command
                request.result().complete(answer.put("journaled", false).put("replicated", true).toString());
            }
        }
    }
}
