package io.arbiter.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.PackedNames;
import io.arbiter.engine.Prices;
import io.arbiter.engine.risk.SpotRisk;
import io.arbiter.server.sequencer.ControlRequest;
import io.arbiter.server.sequencer.OperatorCommand;
import io.arbiter.server.sequencer.OperatorRefusal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The operator's commands of the admin HTTP API ({@code docs/admin.md}): turns a path and its parameters into an
 * {@link OperatorCommand}, validating every parameter over its whole range before anything reaches the ring, sends it
 * to the matching thread (which journals and applies it, or refuses a name it does not know), and answers once the
 * command's journal sequence is durable under the journal's policy. Any thread; control plane (produces garbage).
 */
public final class OperatorApi
{
    /** Path prefix of the instrument commands. */
    public static final String INSTRUMENTS = "/admin/instruments";
    /** Path prefix of the account commands. */
    public static final String ACCOUNTS = "/admin/accounts/";
    /** Path prefix of the account query. */
    public static final String ACCOUNT_QUERY = "/accounts/";
    /** The account that collects fees, readable by the account query ({@code GET /accounts/FEES}). */
    public static final String FEES_ACCOUNT_NAME = "FEES";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DURABLE_POLL_MS = 1;
    /** How long an answer waits for its command to become durable: far beyond any force of a working disk. */
    private static final long DURABLE_TIMEOUT_MS = 60_000;

    private final Function<ControlRequest, CompletableFuture<String>> requests;
    private final ToLongFunction<String> accounts;
    private final LongSupplier durableSequence;

    /**
     * @param requests        publishes a request to the matching thread and returns its answer (exceptionally if the
     *                        ring is full or the node is not running).
     * @param accounts        the engine account id of a configured account name, or -1 if there is none.
     * @param durableSequence the journal's durable sequence (any thread).
     */
    public OperatorApi(
        final Function<ControlRequest, CompletableFuture<String>> requests,
        final ToLongFunction<String> accounts,
        final LongSupplier durableSequence)
    {
        this.requests = requests;
        this.accounts = accounts;
        this.durableSequence = durableSequence;
    }

    /**
     * @param path of a request.
     * @return true if this API serves it.
     */
    public static boolean serves(final String path)
    {
        return path.equals(INSTRUMENTS) || path.startsWith(INSTRUMENTS + "/") || path.startsWith(ACCOUNTS) ||
            path.startsWith(ACCOUNT_QUERY);
    }

    /**
     * Serve a request.
     *
     * @param post      true for POST (commands), false for GET (the account query).
     * @param path      the decoded path.
     * @param params    query and form parameters.
     * @param scheduler where to wait for durability (the connection's event loop).
     * @return the answer: HTTP status and JSON body.
     */
    public CompletableFuture<Answer> handle(
        final boolean post, final String path, final Map<String, List<String>> params,
        final ScheduledExecutorService scheduler)
    {
        try
        {
            if (path.startsWith(ACCOUNT_QUERY))
            {
                if (post)
                {
                    return CompletableFuture.completedFuture(error(405, "use GET /accounts/{account}"));
                }
                final String name = path.substring(ACCOUNT_QUERY.length());
                final long account = FEES_ACCOUNT_NAME.equals(name) ? SpotRisk.FEE_ACCOUNT : account(name);
                final ControlRequest request = new ControlRequest(ControlRequest.Type.ACCOUNT,
                    new OperatorCommand(CommandType.ENABLE, null, account, name, 0, 0, null, null));
                return requests.apply(request).handle((json, error) ->
                    error == null ? new Answer(200, json) : failure(error));
            }
            if (!post)
            {
                return CompletableFuture.completedFuture(error(405, "use POST"));
            }
            final OperatorCommand command = parse(path, new Params(params));
            return requests.apply(new ControlRequest(ControlRequest.Type.OPERATOR, command))
                .thenCompose(json -> awaitDurable(json, scheduler))
                .exceptionally(OperatorApi::failure);
        }
        catch (final OperatorRefusal ex)
        {
            return CompletableFuture.completedFuture(error(ex.status(), ex.getMessage()));
        }
    }

    private OperatorCommand parse(final String path, final Params params)
    {
        if (path.equals(INSTRUMENTS))
        {
            final String symbol = params.name("symbol", PackedNames.MAX_SYMBOL_LENGTH);
            final long tick = params.decimal("tick", false);
            final long lot = params.integer("lot", 1, Long.MAX_VALUE);
            final String base = params.optionalName("base");
            final String quote = params.optionalName("quote");
            if ((base == null) != (quote == null) || base != null && base.equals(quote))
            {
                throw new OperatorRefusal(400, "base and quote must be two different assets, or both absent");
            }
            return new OperatorCommand(CommandType.INSTRUMENT, symbol, 0, null, tick, lot, base, quote);
        }
        if (path.startsWith(INSTRUMENTS + "/"))
        {
            final String[] parts = path.substring(INSTRUMENTS.length() + 1).split("/", -1);
            if (parts.length != 2 || parts[0].isEmpty())
            {
                throw new OperatorRefusal(404, "expected " + INSTRUMENTS + "/{symbol}/{halt|resume|delist|band|fees|" +
                    "limits}");
            }
            final String symbol = parts[0];
            switch (parts[1])
            {
                case "halt":
                    return instrumentCommand(CommandType.HALT, symbol, 0, 0);
                case "resume":
                    return instrumentCommand(CommandType.RESUME, symbol, 0, 0);
                case "delist":
                    return instrumentCommand(CommandType.DELIST, symbol, 0, 0);
                case "band":
                    return instrumentCommand(CommandType.BAND, symbol, params.percent("percent"), 0);
                case "fees":
                    final long maker = params.integer("maker", -10_000, 10_000);
                    final long taker = params.integer("taker", -10_000, 10_000);
                    if (maker > taker)
                    {
                        throw new OperatorRefusal(400, "maker must not exceed taker: " + maker + " > " + taker);
                    }
                    return instrumentCommand(CommandType.FEES, symbol, maker, taker);
                case "limits":
                    return instrumentCommand(CommandType.LIMITS, symbol, params.integer("maxQty", 0, Long.MAX_VALUE),
                        params.decimal("maxNotional", true));
                default:
                    throw new OperatorRefusal(404, "unknown instrument command: " + parts[1]);
            }
        }
        final String[] parts = path.substring(ACCOUNTS.length()).split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty())
        {
            throw new OperatorRefusal(404, "expected " + ACCOUNTS + "{account}/{deposit|withdraw|disable|enable}");
        }
        final long account = account(parts[0]);
        switch (parts[1])
        {
            case "deposit":
            case "withdraw":
                final String asset = params.name("asset", PackedNames.MAX_ASSET_LENGTH);
                final long amount = params.decimal("amount", false);
                // cluster mode: the pair whose shard holds the balance; a single node has one balance per asset
                final String pair = params.optional("symbol");
                if (pair != null && PackedNames.problem(pair, Integer.MAX_VALUE) != null)
                {
                    throw new OperatorRefusal(404, "unknown symbol: " + pair);
                }
                return new OperatorCommand(parts[1].equals("deposit") ? CommandType.DEPOSIT : CommandType.WITHDRAW,
                    pair, account, asset, amount, 0, null, null);
            case "disable":
                return new OperatorCommand(CommandType.DISABLE, null, account, null, 0, 0, null, null);
            case "enable":
                return new OperatorCommand(CommandType.ENABLE, null, account, null, 0, 0, null, null);
            default:
                throw new OperatorRefusal(404, "unknown account command: " + parts[1]);
        }
    }

    private static OperatorCommand instrumentCommand(
        final CommandType type, final String symbol, final long first, final long second)
    {
        if (PackedNames.problem(symbol, Integer.MAX_VALUE) != null)
        {
            throw new OperatorRefusal(404, "unknown symbol: " + symbol);
        }
        return new OperatorCommand(type, symbol, 0, null, first, second, null, null);
    }

    private long account(final String name)
    {
        final long id = name.isEmpty() ? -1 : accounts.applyAsLong(name);
        if (id < 0)
        {
            throw new OperatorRefusal(404, "unknown account: " + name + " (accounts come from the configuration)");
        }
        return id;
    }

    private CompletableFuture<Answer> awaitDurable(final String json, final ScheduledExecutorService scheduler)
    {
        final JsonNode answer;
        try
        {
            answer = JSON.readTree(json);
        }
        catch (final java.io.IOException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
        final String result = answer.path("result").asText();
        final int status = result.endsWith("_REJECTED") ? 409 : result.equals("REFUSED") ? 500 : 200;
        final CompletableFuture<Answer> done = new CompletableFuture<>();
        if (!answer.path("journaled").asBoolean(false))
        {
            done.complete(new Answer(status, json));
            return done;
        }
        final long sequence = answer.path("sequence").asLong();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DURABLE_TIMEOUT_MS);
        final Runnable[] poll = new Runnable[1];
        poll[0] = () ->
        {
            if (durableSequence.getAsLong() >= sequence)
            {
                done.complete(new Answer(status, json));
            }
            else if (System.nanoTime() - deadlineNs > 0)
            {
                done.complete(error(503, "command " + sequence + " applied but not durable after " +
                    DURABLE_TIMEOUT_MS + " ms"));
            }
            else
            {
                scheduler.schedule(poll[0], DURABLE_POLL_MS, TimeUnit.MILLISECONDS);
            }
        };
        poll[0].run();
        return done;
    }

    private static Answer failure(final Throwable error)
    {
        final Throwable cause = error instanceof CompletionException && error.getCause() != null ?
            error.getCause() : error;
        if (cause instanceof OperatorRefusal)
        {
            return error(((OperatorRefusal)cause).status(), cause.getMessage());
        }
        return error(503, String.valueOf(cause.getMessage()));
    }

    private static Answer error(final int status, final String message)
    {
        return new Answer(status, JSON.createObjectNode().put("error", message).toString());
    }

    /**
     * An answer of the API.
     *
     * @param status HTTP status.
     * @param body   JSON text.
     */
    public record Answer(int status, String body)
    {
    }

    /**
     * The request's parameters, each checked over its whole range.
     */
    private static final class Params
    {
        private final Map<String, List<String>> values;

        Params(final Map<String, List<String>> values)
        {
            this.values = values;
        }

        String optional(final String name)
        {
            final List<String> list = values.get(name);
            return list == null || list.isEmpty() ? null : list.get(0);
        }

        String required(final String name)
        {
            final String value = optional(name);
            if (value == null || value.isEmpty())
            {
                throw new OperatorRefusal(400, "missing parameter '" + name + "'");
            }
            return value;
        }

        String name(final String name, final int maxLength)
        {
            final String value = required(name);
            final String problem = PackedNames.problem(value, maxLength);
            if (problem != null)
            {
                throw new OperatorRefusal(400, name + " " + problem);
            }
            return value;
        }

        String optionalName(final String name)
        {
            return optional(name) == null ? null : name(name, PackedNames.MAX_ASSET_LENGTH);
        }

        long integer(final String name, final long min, final long max)
        {
            final String text = required(name);
            try
            {
                final long value = Long.parseLong(text);
                if (value < min || value > max)
                {
                    throw new OperatorRefusal(400, name + " must be from " + min + " to " + max + ": " + text);
                }
                return value;
            }
            catch (final NumberFormatException ex)
            {
                throw new OperatorRefusal(400, name + " must be an integer: " + text);
            }
        }

        /**
         * @return a decimal with at most 8 decimals in 1e-8 units: positive, or not negative if zero is allowed.
         */
        long decimal(final String name, final boolean zeroAllowed)
        {
            final String text = required(name);
            long value;
            try
            {
                value = Prices.parse(text);
            }
            catch (final NumberFormatException ex)
            {
                value = Prices.UNREPRESENTABLE;
            }
            if (value == Prices.UNREPRESENTABLE || value < 0 || value == 0 && !zeroAllowed)
            {
                throw new OperatorRefusal(400, name + " must be a " + (zeroAllowed ? "non-negative" : "positive") +
                    " decimal with at most 8 decimals: " + text);
            }
            return value;
        }

        /**
         * @return a percent from 0 to 100 with at most 2 decimals, in hundredths.
         */
        long percent(final String name)
        {
            final long units = decimal(name, true);
            if (units > 100 * Prices.UNIT || units % (Prices.UNIT / 100) != 0)
            {
                throw new OperatorRefusal(400, name + " must be from 0 to 100 with at most 2 decimals: " +
                    required(name));
            }
            return units / (Prices.UNIT / 100);
        }
    }
}
