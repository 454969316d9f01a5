package io.arbiter.server.matching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.Instrument;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.SnapshotListener;
import io.arbiter.engine.TimeInForce;
import io.arbiter.engine.risk.BalanceLedger;
import io.arbiter.server.sequencer.ControlRequest;
import io.arbiter.server.sequencer.OperatorCommand;
import io.arbiter.server.sequencer.OperatorRefusal;

import java.util.function.LongUnaryOperator;

/**
 * The matching thread's side of the operator's admin requests: resolves an {@link OperatorCommand}'s names against
 * the engine's state into an engine {@link Command} (or refuses it before anything is journaled), describes the
 * applied command's outcome as JSON, and answers account queries (balances and open orders). Matching thread only;
 * control plane (produces garbage).
 */
final class OperatorDesk
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MatchingEngine engine;
    private final LongUnaryOperator clientOrderIds;

    OperatorDesk(final MatchingEngine engine, final LongUnaryOperator clientOrderIds)
    {
        this.engine = engine;
        this.clientOrderIds = clientOrderIds;
    }

    /**
     * Resolve a request into an engine command.
     *
     * @param operator the request.
     * @param command  filled with the command to journal and apply.
     * @throws OperatorRefusal if it names something undefined or cannot apply to the current state.
     */
    void prepare(final OperatorCommand operator, final Command command)
    {
        final CommandType type = operator.type();
        switch (type)
        {
            case INSTRUMENT:
                if (engine.instrumentId(operator.symbol()) >= 0)
                {
                    throw new OperatorRefusal(409, "instrument already defined: " + operator.symbol());
                }
                command.defineInstrument(
                    operator.symbol(), operator.first(), operator.second(), operator.base(), operator.quote());
                break;
            case HALT:
            case RESUME:
            case DELIST:
                command.instrumentCommand(type, instrumentId(operator.symbol()));
                break;
            case BAND:
                command.band(instrumentId(operator.symbol()), operator.first());
                break;
            case FEES:
                command.fees(riskInstrumentId(operator.symbol()), (int)operator.first(), (int)operator.second());
                break;
            case LIMITS:
                command.limits(riskInstrumentId(operator.symbol()), operator.first(), operator.second());
                break;
            case DEPOSIT:
            case WITHDRAW:
                final int asset = engine.riskControls().assetId(operator.asset());
                if (asset < 0)
                {
                    throw new OperatorRefusal(404, "unknown asset: " + operator.asset() +
                        " (assets are named by instruments with base and quote)");
                }
                command.funds(type, operator.account(), asset, operator.first());
                break;
            case DISABLE:
            case ENABLE:
                command.accountCommand(type, operator.account());
                break;
            default:
                throw new OperatorRefusal(400, "not an operator command: " + type);
        }
    }

    /**
     * Describe the outcome of a command the engine just applied.
     *
     * @param command  the journaled command.
     * @param operator the request it came from.
     * @return the JSON answer: the journal sequence, the command and its result.
     */
    ObjectNode outcome(final Command command, final OperatorCommand operator)
    {
        final boolean funds = command.type() == CommandType.DEPOSIT || command.type() == CommandType.WITHDRAW;
        return describe(command.type(), command.sequence(), engine.lastOperatorResult(),
            engine.lastOperatorRefusal(), operator, command.quantity(),
            funds ? engine.balances().available(command.account(), command.instrumentId()) : 0,
            funds ? engine.balances().held(command.account(), command.instrumentId()) : 0);
    }

    /**
     * Describe an applied operator command's outcome, wherever the engine that applied it runs (this node's, or a
     * cluster's: {@link ReplicatedMatchingHandler}).
     *
     * @param type      the command's type.
     * @param sequence  its sequence (the journal's, or the cluster service's).
     * @param result    the engine's {@code lastOperatorResult()} after it (0 for HALT, RESUME, DELIST, BAND).
     * @param refusal   why the engine refused it, or null.
     * @param operator  the request it came from.
     * @param quantity  the command's quantity field (BAND: hundredths of a percent; DEPOSIT, WITHDRAW: the amount).
     * @param available DEPOSIT, WITHDRAW: the account's available amount of the asset after it.
     * @param held      DEPOSIT, WITHDRAW: the account's held amount of the asset after it.
     * @return the JSON answer: the sequence, the command and its result.
     */
    static ObjectNode describe(final CommandType type, final long sequence, final long result, final String refusal,
        final OperatorCommand operator, final long quantity, final long available, final long held)
    {
        final ObjectNode answer = JSON.createObjectNode()
            .put("sequence", sequence)
            .put("command", type.name());
        switch (type)
        {
            case INSTRUMENT:
                answer.put("result", "DEFINED").put("symbol", operator.symbol()).put("instrumentId", result);
                break;
            case HALT:
                answer.put("result", "HALTED").put("symbol", operator.symbol());
                break;
            case RESUME:
                answer.put("result", "RESUMED").put("symbol", operator.symbol());
                break;
            case DELIST:
                answer.put("result", "DELISTED").put("symbol", operator.symbol());
                break;
            case BAND:
                answer.put("result", "BAND_SET").put("symbol", operator.symbol())
                    .put("percent", percent(quantity));
                break;
            case FEES:
            case LIMITS:
                answer.put("result", "SET").put("symbol", operator.symbol());
                break;
            case DEPOSIT:
            case WITHDRAW:
                if (result == 1)
                {
                    answer.put("result", type == CommandType.DEPOSIT ? "DEPOSITED" : "WITHDRAWN");
                }
                else
                {
                    answer.put("result", type == CommandType.DEPOSIT ? "DEPOSIT_REJECTED" : "WITHDRAW_REJECTED")
                        .put("reason", type == CommandType.DEPOSIT ? "BALANCE_TOO_LARGE" : "INSUFFICIENT_FUNDS");
                }
                answer.put("asset", operator.asset()).put("amount", Prices.format(quantity))
                    .put("available", Prices.format(available))
                    .put("held", Prices.format(held));
                break;
            case DISABLE:
                answer.put("result", "DISABLED").put("canceled", result);
                break;
            default:
                answer.put("result", "ENABLED");
                break;
        }
        if (result < 0 && refusal != null)
        {
            answer.put("result", "REFUSED").put("reason", refusal);
        }
        return answer;
    }

    /**
     * @param answer from {@link #outcome}.
     * @return true if the engine applied the command as asked (false for a refused withdrawal or deposit).
     */
    static boolean applied(final ObjectNode answer)
    {
        final String result = answer.path("result").asText();
        return !result.endsWith("_REJECTED") && !result.equals("REFUSED");
    }

    /**
     * Answer an ACCOUNT request: the account's balances of every asset and its open orders.
     *
     * @param request carries the account id and name.
     */
    void account(final ControlRequest request)
    {
        try
        {
            final long account = request.operator().account();
            final ObjectNode answer = JSON.createObjectNode()
                .put("account", request.operator().asset())
                .put("accountId", account)
                .put("disabled", engine.balances().isDisabled(account));
            final ObjectNode balances = answer.putObject("balances");
            final BalanceLedger ledger = engine.balances();
            for (int asset = 0; asset < ledger.assetCount(); asset++)
            {
                balances.putObject(ledger.assetName(asset))
                    .put("available", Prices.format(ledger.available(account, asset)))
                    .put("held", Prices.format(ledger.held(account, asset)));
            }
            final ArrayNode orders = answer.putArray("openOrders");
            engine.snapshot(new AccountOrders(account, orders));
            request.result().complete(answer.toString());
        }
        catch (final RuntimeException ex)
        {
            request.result().completeExceptionally(ex);
        }
    }

    private int instrumentId(final String symbol)
    {
        final int id = engine.instrumentId(symbol);
        if (id < 0)
        {
            throw new OperatorRefusal(404, "unknown symbol: " + symbol);
        }
        return id;
    }

    private int riskInstrumentId(final String symbol)
    {
        final int id = instrumentId(symbol);
        if (!engine.risk().isEnabled(id))
        {
            throw new OperatorRefusal(400, "instrument " + symbol + " has no assets: fees and limits apply only to " +
                "instruments defined with base and quote assets");
        }
        return id;
    }

    private static String percent(final long hundredths)
    {
        return hundredths / 100 + "." + (hundredths % 100 < 10 ? "0" : "") + hundredths % 100;
    }

    /**
     * Collects one account's open orders from a walk of the engine.
     */
    private final class AccountOrders implements SnapshotListener
    {
        private final long account;
        private final ArrayNode out;

        AccountOrders(final long account, final ArrayNode out)
        {
            this.account = account;
            this.out = out;
        }

        @Override
        public void onInstrument(final Instrument instrument)
        {
        }

        @Override
        public void onInstrumentState(
            final int instrumentId, final boolean halted, final boolean delisted, final long bandHundredths,
            final long lastTradePrice)
        {
        }

        @Override
        public void onOrder(
            final int instrumentId, final Side side, final long orderId, final long owner, final long priceUnits,
            final long remaining, final long hidden, final long display, final TimeInForce timeInForce,
            final SelfTradePrevention selfTradePrevention, final long expiry, final long acceptance)
        {
            if (owner == account)
            {
                order(instrumentId, side, orderId, OrderType.LIMIT, priceUnits, remaining + hidden, timeInForce,
                    expiry).put("display", display);
            }
        }

        @Override
        public void onStop(
            final int instrumentId, final Side side, final long orderId, final long owner, final OrderType orderType,
            final long priceUnits, final long stopUnits, final long quantity, final TimeInForce timeInForce,
            final SelfTradePrevention selfTradePrevention, final long expiry, final long acceptance)
        {
            if (owner == account)
            {
                order(instrumentId, side, orderId, orderType, priceUnits, quantity, timeInForce, expiry)
                    .put("stopPrice", Prices.format(stopUnits));
            }
        }

        private ObjectNode order(
            final int instrumentId, final Side side, final long orderId, final OrderType type, final long priceUnits,
            final long remaining, final TimeInForce timeInForce, final long expiry)
        {
            final ObjectNode order = out.addObject()
                .put("orderId", orderId)
                .put("clientOrderId", clientOrderIds.applyAsLong(orderId))
                .put("symbol", engine.instrument(instrumentId).symbol())
                .put("side", side.name())
                .put("type", type.name())
                .put("timeInForce", timeInForce.name())
                .put("price", priceUnits == Prices.NULL_PRICE ? null : Prices.format(priceUnits))
                .put("remaining", remaining);
            if (expiry != Command.NO_TIME)
            {
                order.put("expire", expiry);
            }
            return order;
        }

        @Override
        public void onCounters(final long tradeCount, final long clock, final long acceptances)
        {
        }
    }
}
