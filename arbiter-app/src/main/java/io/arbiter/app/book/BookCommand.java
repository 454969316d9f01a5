package io.arbiter.app.book;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.VersionProvider;
import io.arbiter.client.MarketDataClient;
import io.arbiter.engine.Prices;
import io.arbiter.engine.Side;
import io.arbiter.marketdata.LevelBook;
import io.arbiter.protocol.proto.MarketDataError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code arbiter book SYMBOL [--depth N] [--watch]}: subscribes to a node's market-data feed and prints the book of
 * one instrument as a price ladder (asks above, best ask and best bid in the middle, bids below), once or, with
 * {@code --watch}, again after every change until interrupted. Used from the main thread; the feed's callbacks render.
 */
@Command(
    name = "book",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Print an instrument's book from a node's market-data feed (marketdata.port) as a price ladder."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:book printed (or --watch interrupted)",
        "1:no connection, unknown symbol, or no snapshot in time",
        "2:usage error"
    })
public final class BookCommand implements java.util.concurrent.Callable<Integer>
{
    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SYMBOL", description = "Instrument to show.")
    private String symbol;

    @Option(names = "--host", paramLabel = "HOST", description = "Node address (default: ${DEFAULT-VALUE}).")
    private String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT",
        description = "The node's marketdata.port (default: ${DEFAULT-VALUE}).")
    private int port = 7003;

    @Option(names = "--depth", paramLabel = "N", description = "Levels per side, 1..1000 (default: ${DEFAULT-VALUE}).")
    private int depth = 10;

    @Option(names = "--watch", description = "Refresh after every change until interrupted (Ctrl-C).")
    private boolean watch;

    @Option(names = "--tls-trust", paramLabel = "CA.pem",
        description = "Connect with TLS, trusting the CA certificates in this PEM file (the node must run with " +
            "tls.enabled; its certificate must name --host).")
    private Path tlsTrust;

    @Option(names = "--timeout-ms", paramLabel = "MS",
        description = "How long to wait for the first snapshot (default: ${DEFAULT-VALUE}).")
    private long timeoutMs = 5000;

    /**
     * Run the command; picocli calls it after parsing the options.
     *
     * @return the exit code.
     * @throws InterruptedException if interrupted while connecting or waiting.
     */
    @Override
    public Integer call() throws InterruptedException
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (depth < 1 || depth > 1000)
        {
            err.println("arbiter book: --depth must be 1..1000");
            err.flush();
            return ArbiterMain.EXIT_USAGE;
        }
        final CompletableFuture<String> first = new CompletableFuture<>();
        final MarketDataClient.Listener listener = new MarketDataClient.Listener()
        {
            @Override
            public void onBook(final String name, final LevelBook book, final long sequence, final boolean snapshot)
            {
                final String ladder = ladder(name, book, sequence, depth);
                if (watch)
                {
                    out.print(CLEAR_SCREEN + ladder);
                    out.flush();
                }
                first.complete(ladder);
            }

            @Override
            public void onError(final MarketDataError error)
            {
                first.completeExceptionally(new IllegalStateException(error.getText()));
            }

            @Override
            public void onDisconnected()
            {
                first.completeExceptionally(new IllegalStateException("the feed closed the connection"));
            }
        };
        final MarketDataClient client;
        try
        {
            client = MarketDataClient.connect(host, port, listener, tlsTrust);
        }
        catch (final RuntimeException ex)
        {
            err.println("arbiter book: cannot connect to " + host + ":" + port + ": " + ex.getMessage());
            err.flush();
            return ArbiterMain.EXIT_FAILURE;
        }
        try (client)
        {
            client.subscribe(List.of(symbol), 0, false);
            final String ladder = first.get(timeoutMs, TimeUnit.MILLISECONDS);
            if (!watch)
            {
                out.print(ladder);
                out.flush();
                return ArbiterMain.EXIT_OK;
            }
            while (client.isConnected())
            {
                Thread.sleep(200);
            }
            return ArbiterMain.EXIT_FAILURE;
        }
        catch (final ExecutionException ex)
        {
            err.println("arbiter book: " + ex.getCause().getMessage());
        }
        catch (final TimeoutException ex)
        {
            err.println("arbiter book: no snapshot of " + symbol + " within " + timeoutMs + " ms");
        }
        err.flush();
        return ArbiterMain.EXIT_FAILURE;
    }

    /**
     * Produces garbage.
     *
     * @param symbol   of the instrument.
     * @param book     its levels.
     * @param sequence the last sequence applied.
     * @param depth    levels per side to show.
     * @return the ladder: a header, the asks worst (of those shown) to best, a separator, the bids best to worst.
     */
    static String ladder(final String symbol, final LevelBook book, final long sequence, final int depth)
    {
        final StringBuilder text = new StringBuilder(256);
        text.append(String.format(Locale.ROOT, "%s  sequence %d%n", symbol, sequence));
        text.append(String.format(Locale.ROOT, "%-4s %20s %16s %8s%n", "", "price", "quantity", "orders"));
        final int asks = Math.min(depth, book.depth(Side.SELL));
        for (int rank = asks - 1; rank >= 0; rank--)
        {
            row(text, "ASK", book.price(Side.SELL, rank), book.quantity(Side.SELL, rank),
                book.orderCount(Side.SELL, rank));
        }
        text.append(String.format(Locale.ROOT, "%-4s %20s%n", "", "-------"));
        final int bids = Math.min(depth, book.depth(Side.BUY));
        for (int rank = 0; rank < bids; rank++)
        {
            row(text, "BID", book.price(Side.BUY, rank), book.quantity(Side.BUY, rank),
                book.orderCount(Side.BUY, rank));
        }
        return text.toString();
    }

    private static void row(
        final StringBuilder text, final String side, final long price, final long quantity, final int orders)
    {
        text.append(String.format(Locale.ROOT, "%-4s %20s %16d %8d%n", side,
            Prices.appendTo(price, new StringBuilder()), quantity, orders));
    }
}
