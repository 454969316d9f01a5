package io.arbiter.app.bench;

import io.arbiter.app.ArbiterMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code arbiter bench slow-reader}: the slow-reader attack of issue #13 against a running server ({@link
 * SlowReaderAttack}), printing what each connection sent and whether the server closed it. Used by one thread, once.
 */
@Command(
    name = "slow-reader",
    mixinStandardHelpOptions = true,
    description = {
        "Slow-reader attack against a running server: each connection logs on, then writes NewOrders without a " +
            "side (rejected by the gateway itself) as fast as the socket takes them and never reads a reply, " +
            "until the time is up or the server closes the connection.",
        "Prints the bytes sent, how long each connection ran and whether and when the server closed it. " +
            "scripts/slow-reader.sh runs it against a fresh server and samples the server's memory."})
public final class BenchSlowReaderCommand implements Callable<Integer>
{
    @Option(names = "--host", paramLabel = "HOST", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
        description = "Server order port (default: ${DEFAULT-VALUE}).")
    int port = 7001;

    @Option(names = "--account", paramLabel = "NAME", description = "Account to log on as (default: ${DEFAULT-VALUE}).")
    String account = "demo1";

    @Option(names = "--secret", paramLabel = "SECRET",
        description = "Secret of the account (default: ${DEFAULT-VALUE}, the embedded demo secret).")
    String secret = "demo1-secret";

    @Option(names = "--symbol", paramLabel = "SYMBOL",
        description = "Symbol of the orders (default: ${DEFAULT-VALUE}).")
    String symbol = "BTC-USD";

    @Option(names = "--seconds", paramLabel = "N",
        description = "Write for at most N seconds (default: ${DEFAULT-VALUE}).")
    int seconds = 20;

    @Option(names = { "-c", "--connections" }, paramLabel = "N",
        description = "Connections, all logged on to the account (default: ${DEFAULT-VALUE}).")
    int connections = 1;

    @Option(names = "--connect-timeout-ms", paramLabel = "MS",
        description = "Bound on connecting and on waiting for each LogonAck (default: ${DEFAULT-VALUE}).")
    long connectTimeoutMs = 10_000;

    @Spec
    private CommandSpec spec;

    /**
     * Runs the attack and prints one line per connection, then the totals.
     *
     * @return 0 when every connection logged on, 1 when one did not, 2 for invalid options.
     * @throws InterruptedException if interrupted while the connections run.
     */
    @Override
    public Integer call() throws InterruptedException
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (seconds < 1 || connections < 1 || connectTimeoutMs < 1 || port < 1 || port > 65_535)
        {
            err.println("invalid options: --seconds, --connections and --connect-timeout-ms must be positive, " +
                "--port 1..65535");
            err.flush();
            return ArbiterMain.EXIT_USAGE;
        }
        out.printf(Locale.ROOT, "slow-reader: %d connection(s) to %s:%d as %s, at most %d s%n",
            connections, host, port, account, seconds);
        out.flush();
        final List<SlowReaderAttack.ConnectionResult> results = new SlowReaderAttack(host, port, account, secret,
            symbol, TimeUnit.SECONDS.toNanos(seconds), connections, connectTimeoutMs).run();
        out.print(summary(results));
        out.flush();
        return results.stream().allMatch(SlowReaderAttack.ConnectionResult::loggedOn) ?
            ArbiterMain.EXIT_OK : ArbiterMain.EXIT_FAILURE;
    }

    /**
     * The report of an attack: one line per connection, then {@code key: value} totals that scripts read
     * ({@code bytes sent}, {@code orders sent}, {@code ran s}, {@code closed by server}, {@code first close s},
     * {@code last close s}). Produces garbage.
     *
     * @param results of every connection.
     * @return the report, lines ending in a newline.
     */
    static String summary(final List<SlowReaderAttack.ConnectionResult> results)
    {
        final StringBuilder text = new StringBuilder();
        long bytes = 0;
        long orders = 0;
        long ranNs = 0;
        int loggedOn = 0;
        int closed = 0;
        long firstCloseNs = Long.MAX_VALUE;
        long lastCloseNs = 0;
        for (final SlowReaderAttack.ConnectionResult result : results)
        {
            ranNs = Math.max(ranNs, result.elapsedNs());
            if (!result.loggedOn())
            {
                text.append(String.format(Locale.ROOT, "connection %d: logon failed: %s%n", result.connection(),
                    result.logonFailure()));
                continue;
            }
            loggedOn++;
            bytes += result.bytesSent();
            orders += result.ordersSent();
            text.append(String.format(Locale.ROOT, "connection %d: sent %,d bytes (%,d orders) in %.3f s; %s%n",
                result.connection(), result.bytesSent(), result.ordersSent(), seconds(result.elapsedNs()),
                result.closedByServer() ?
                    String.format(Locale.ROOT, "closed by the server after %.3f s (%s)", seconds(result.elapsedNs()),
                        result.closeReason()) :
                    "still open when the time was up"));
            if (result.closedByServer())
            {
                closed++;
                firstCloseNs = Math.min(firstCloseNs, result.elapsedNs());
                lastCloseNs = Math.max(lastCloseNs, result.elapsedNs());
            }
        }
        text.append(String.format(Locale.ROOT, "logged on: %d of %d%n", loggedOn, results.size()));
        text.append(String.format(Locale.ROOT, "bytes sent: %d%n", bytes));
        text.append(String.format(Locale.ROOT, "orders sent: %d%n", orders));
        text.append(String.format(Locale.ROOT, "ran s: %.3f%n", seconds(ranNs)));
        text.append(String.format(Locale.ROOT, "closed by server: %d of %d%n", closed, loggedOn));
        text.append(String.format(Locale.ROOT, "first close s: %s%n",
            closed == 0 ? "-" : String.format(Locale.ROOT, "%.3f", seconds(firstCloseNs))));
        text.append(String.format(Locale.ROOT, "last close s: %s%n",
            closed == 0 ? "-" : String.format(Locale.ROOT, "%.3f", seconds(lastCloseNs))));
        return text.toString();
    }

    private static double seconds(final long ns)
    {
        return ns / 1e9;
    }
}
