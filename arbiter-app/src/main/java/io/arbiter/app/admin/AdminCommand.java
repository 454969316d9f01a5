package io.arbiter.app.admin;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code arbiter admin}: the operator's commands of a running node, sent to its admin HTTP API (see
 * {@code docs/admin.md}). Every command is journaled by the node and answered once durable; the answer's JSON is
 * printed. Main thread only.
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Operate a running node through its admin API (admin.port, admin.token): instruments, funds, " +
        "fees, limits, the kill switch, accounts. Each command is journaled and survives a restart."},
    subcommands = { AdminCommand.Instrument.class },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:applied (the node's JSON answer is printed)",
        "1:node unreachable, or it failed (5xx)",
        "2:usage error",
        "3:refused (4xx): unknown symbol, asset or account, a parameter out of range, or an engine rejection such " +
            "as WITHDRAW_REJECTED INSUFFICIENT_FUNDS"
    })
public final class AdminCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    /**
     * Called when no subcommand is given: list the subcommands on stderr.
     *
     * @return {@link ArbiterMain#EXIT_USAGE}.
     */
    @Override
    public Integer call()
    {
        return ArbiterMain.missingSubcommand(spec);
    }

    /**
     * {@code arbiter admin deposit ACCOUNT ASSET AMOUNT}.
     *
     * @param connection the node.
     * @param account    configured account name.
     * @param asset      asset name.
     * @param amount     positive decimal.
     * @return the exit code.
     */
    @Command(name = "deposit", mixinStandardHelpOptions = true,
        description = "Add AMOUNT (a positive decimal, at most 8 decimals) of ASSET to ACCOUNT's available balance.")
    int deposit(
        @Mixin final AdminConnection connection,
        @Parameters(index = "0", paramLabel = "ACCOUNT") final String account,
        @Parameters(index = "1", paramLabel = "ASSET") final String asset,
        @Parameters(index = "2", paramLabel = "AMOUNT") final String amount)
    {
        return post(connection, "/admin/accounts/" + AdminConnection.segment(account) + "/deposit",
            "asset", asset, "amount", amount);
    }

    /**
     * {@code arbiter admin withdraw ACCOUNT ASSET AMOUNT}.
     *
     * @param connection the node.
     * @param account    configured account name.
     * @param asset      asset name.
     * @param amount     positive decimal.
     * @return the exit code (3 for WITHDRAW_REJECTED INSUFFICIENT_FUNDS).
     */
    @Command(name = "withdraw", mixinStandardHelpOptions = true,
        description = "Take AMOUNT of ASSET from ACCOUNT's available balance (refused, changing nothing, if it is " +
            "smaller: WITHDRAW_REJECTED INSUFFICIENT_FUNDS, exit code 3).")
    int withdraw(
        @Mixin final AdminConnection connection,
        @Parameters(index = "0", paramLabel = "ACCOUNT") final String account,
        @Parameters(index = "1", paramLabel = "ASSET") final String asset,
        @Parameters(index = "2", paramLabel = "AMOUNT") final String amount)
    {
        return post(connection, "/admin/accounts/" + AdminConnection.segment(account) + "/withdraw",
            "asset", asset, "amount", amount);
    }

    /**
     * {@code arbiter admin disable ACCOUNT}.
     *
     * @param connection the node.
     * @param account    configured account name.
     * @return the exit code.
     */
    @Command(name = "disable", mixinStandardHelpOptions = true,
        description = "Kill switch: cancel every open order of ACCOUNT and refuse its new orders and replaces until " +
            "enabled (cancels still work).")
    int disable(
        @Mixin final AdminConnection connection,
        @Parameters(index = "0", paramLabel = "ACCOUNT") final String account)
    {
        return post(connection, "/admin/accounts/" + AdminConnection.segment(account) + "/disable");
    }

    /**
     * {@code arbiter admin enable ACCOUNT}.
     *
     * @param connection the node.
     * @param account    configured account name.
     * @return the exit code.
     */
    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Let a disabled ACCOUNT trade again.")
    int enable(
        @Mixin final AdminConnection connection,
        @Parameters(index = "0", paramLabel = "ACCOUNT") final String account)
    {
        return post(connection, "/admin/accounts/" + AdminConnection.segment(account) + "/enable");
    }

    /**
     * {@code arbiter admin fees SYMBOL MAKER TAKER}.
     *
     * @param connection the node.
     * @param symbol     an instrument with assets.
     * @param maker      maker basis points.
     * @param taker      taker basis points.
     * @return the exit code.
     */
    @Command(name = "fees", mixinStandardHelpOptions = true,
        description = "Set an instrument's fees in basis points, -10000 <= MAKER <= TAKER <= 10000 (negative: a " +
            "rebate); the instrument must have base and quote assets.")
    int fees(
        @Mixin final AdminConnection connection,
        @Parameters(index = "0", paramLabel = "SYMBOL") final String symbol,
        @Parameters(index = "1", paramLabel = "MAKER") final String maker,
        @Parameters(index = "2", paramLabel = "TAKER") final String taker)
    {
        return post(connection, instrumentPath(symbol, "fees"), "maker", maker, "taker", taker);
    }

    /**
     * {@code arbiter admin limits SYMBOL MAX_QTY MAX_NOTIONAL}.
     *
     * @param connection  the node.
     * @param symbol      an instrument with assets.
     * @param maxQuantity largest order quantity, 0 for none.
     * @param maxNotional largest LIMIT notional, 0 for none.
     * @return the exit code.
     */
    @Command(name = "limits", mixinStandardHelpOptions = true,
        description = "Set an instrument's order limits: MAX_QTY (integer) and MAX_NOTIONAL (decimal, in the quote " +
            "asset); 0 means none.")
    int limits(
        @Mixin final AdminConnection connection,
        @Parameters(index = "0", paramLabel = "SYMBOL") final String symbol,
        @Parameters(index = "1", paramLabel = "MAX_QTY") final String maxQuantity,
        @Parameters(index = "2", paramLabel = "MAX_NOTIONAL") final String maxNotional)
    {
        return post(connection, instrumentPath(symbol, "limits"), "maxQty", maxQuantity, "maxNotional", maxNotional);
    }

    /**
     * {@code arbiter admin account ACCOUNT}.
     *
     * @param connection the node.
     * @param account    configured account name.
     * @return the exit code.
     */
    @Command(name = "account", mixinStandardHelpOptions = true,
        description = "Print ACCOUNT's balances (available and held per asset), whether it is disabled, and its open " +
            "orders, as JSON.")
    int account(
        @Mixin final AdminConnection connection,
        @Parameters(index = "0", paramLabel = "ACCOUNT") final String account)
    {
        return connection.send(false, "/accounts/" + AdminConnection.segment(account), Map.of(),
            spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    static String instrumentPath(final String symbol, final String action)
    {
        return "/admin/instruments/" + AdminConnection.segment(symbol) + "/" + action;
    }

    private int post(final AdminConnection connection, final String path, final String... params)
    {
        return post(spec, connection, path, params);
    }

    static int post(
        final CommandSpec spec, final AdminConnection connection, final String path, final String... params)
    {
        final Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2)
        {
            form.put(params[i], params[i + 1]);
        }
        return connection.send(true, path, form, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * {@code arbiter admin instrument ...}: define, halt, resume, delist and band instruments.
     */
    @Command(
        name = "instrument",
        mixinStandardHelpOptions = true,
        description = "Define an instrument at run time (it survives restarts without being in the configuration), " +
            "halt, resume, delist it or set its price band.")
    public static final class Instrument implements Callable<Integer>
    {
        @Spec
        private CommandSpec spec;

        /**
         * Called when no subcommand is given: list the subcommands on stderr.
         *
         * @return {@link ArbiterMain#EXIT_USAGE}.
         */
        @Override
        public Integer call()
        {
            return ArbiterMain.missingSubcommand(spec);
        }

        /**
         * {@code arbiter admin instrument add SYMBOL --tick T --lot L [--base B --quote Q]}.
         *
         * @param connection the node.
         * @param symbol     new symbol.
         * @param tick       tick size, a positive decimal.
         * @param lot        lot size, a positive integer.
         * @param base       base asset or null.
         * @param quote      quote asset or null.
         * @return the exit code.
         */
        @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Define SYMBOL (up to 24 printable ASCII characters) with a tick size and lot size, and, " +
                "for spot risk, base and quote assets (up to 8 characters each).")
        int add(
            @Mixin final AdminConnection connection,
            @Parameters(index = "0", paramLabel = "SYMBOL") final String symbol,
            @Option(names = "--tick", required = true, paramLabel = "DECIMAL", description = "Tick size.")
            final String tick,
            @Option(names = "--lot", required = true, paramLabel = "INTEGER", description = "Lot size.")
            final String lot,
            @Option(names = "--base", paramLabel = "ASSET", description = "Asset of its quantities.") final String base,
            @Option(names = "--quote", paramLabel = "ASSET", description = "Asset of its prices.") final String quote)
        {
            return post(spec, connection, "/admin/instruments", "symbol", symbol, "tick", tick, "lot", lot,
                "base", base, "quote", quote);
        }

        /**
         * {@code arbiter admin instrument halt SYMBOL}.
         *
         * @param connection the node.
         * @param symbol     the instrument.
         * @return the exit code.
         */
        @Command(name = "halt", mixinStandardHelpOptions = true,
            description = "Halt SYMBOL: new orders and replaces are rejected INSTRUMENT_HALTED until resumed.")
        int halt(@Mixin final AdminConnection connection, @Parameters(paramLabel = "SYMBOL") final String symbol)
        {
            return post(spec, connection, instrumentPath(symbol, "halt"));
        }

        /**
         * {@code arbiter admin instrument resume SYMBOL}.
         *
         * @param connection the node.
         * @param symbol     the instrument.
         * @return the exit code.
         */
        @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume trading of SYMBOL.")
        int resume(@Mixin final AdminConnection connection, @Parameters(paramLabel = "SYMBOL") final String symbol)
        {
            return post(spec, connection, instrumentPath(symbol, "resume"));
        }

        /**
         * {@code arbiter admin instrument delist SYMBOL}.
         *
         * @param connection the node.
         * @param symbol     the instrument.
         * @return the exit code.
         */
        @Command(name = "delist", mixinStandardHelpOptions = true,
            description = "Cancel every open order of SYMBOL and remove it (the symbol may be defined again).")
        int delist(@Mixin final AdminConnection connection, @Parameters(paramLabel = "SYMBOL") final String symbol)
        {
            return post(spec, connection, instrumentPath(symbol, "delist"));
        }

        /**
         * {@code arbiter admin instrument band SYMBOL PERCENT}.
         *
         * @param connection the node.
         * @param symbol     the instrument.
         * @param percent    0 to 100, at most 2 decimals.
         * @return the exit code.
         */
        @Command(name = "band", mixinStandardHelpOptions = true,
            description = "Set SYMBOL's price band around the last trade price: PERCENT from 0 (off) to 100, at most " +
                "2 decimals.")
        int band(
            @Mixin final AdminConnection connection,
            @Parameters(index = "0", paramLabel = "SYMBOL") final String symbol,
            @Parameters(index = "1", paramLabel = "PERCENT") final String percent)
        {
            return post(spec, connection, instrumentPath(symbol, "band"), "percent", percent);
        }
    }
}
