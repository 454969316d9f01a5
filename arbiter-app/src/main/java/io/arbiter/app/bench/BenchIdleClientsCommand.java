package io.arbiter.app.bench;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.VersionProvider;
import io.arbiter.client.ArbiterClient;
import io.arbiter.client.ClientContext;
import io.arbiter.client.ClientListener;
import io.arbiter.client.LogonResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code arbiter bench idle-clients} (hidden): the client side of {@code arbiter bench idle-sessions}, run in a child
 * process so that the node's process does not hold both ends of every connection. Opens the sessions, logs each on,
 * prints {@code ready N} on stdout, keeps them alive with heartbeats until stdin closes, then exits. Main thread and
 * the client's event loops; produces garbage.
 */
@Command(
    name = "idle-clients",
    hidden = true,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Hold N idle logged-on sessions until stdin closes (child process of bench idle-sessions).")
public final class BenchIdleClientsCommand implements Callable<Integer>
{
    /** Logons in flight at once, below the node's cap on connections not logged on. */
    static final int LOGON_WINDOW = 256;

    @Option(names = "--host", paramLabel = "HOST", description = "Server host (default: ${DEFAULT-VALUE}).")
    private String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", required = true, description = "Order gateway port.")
    private int port;

    @Option(names = "--sessions", paramLabel = "N", description = "Sessions to hold (default: ${DEFAULT-VALUE}).")
    private int sessions = 1000;

    @Option(names = "--heartbeat-ms", paramLabel = "MS",
        description = "Heartbeat interval each session asks for and keeps (default: ${DEFAULT-VALUE}).")
    private int heartbeatMs = 30_000;

    @Option(names = "--account", paramLabel = "NAME", description = "Account to log on as (default: ${DEFAULT-VALUE}).")
    private String account = "loadgen1";

    @Option(names = "--secret", paramLabel = "SECRET", description = "Its secret (default: ${DEFAULT-VALUE}).")
    private String secret = "loadgen-secret";

    /**
     * Opens and holds the sessions; picocli calls it after parsing the options.
     *
     * @return 0 once stdin closed with every session held, 1 if a session could not log on or closed early.
     * @throws Exception if interrupted or stdin fails.
     */
    @Override
    public Integer call() throws Exception
    {
        final ClientListener quiet = new ClientListener()
        {
        };
        try (ClientContext context = ClientContext.builder().ioThreads(1).heartbeatIntervalMs(heartbeatMs).build())
        {
            final List<ArbiterClient> clients = new ArrayList<>(sessions);
            final List<CompletableFuture<LogonResult>> window = new ArrayList<>(LOGON_WINDOW);
            for (int i = 0; i < sessions; i++)
            {
                final ArbiterClient client = context.connect(host, port, quiet).get(30, TimeUnit.SECONDS);
                clients.add(client);
                window.add(client.logon(account, secret));
                if (window.size() == LOGON_WINDOW || i == sessions - 1)
                {
                    for (final CompletableFuture<LogonResult> logon : window)
                    {
                        final LogonResult result = logon.get(30, TimeUnit.SECONDS);
                        if (!result.accepted())
                        {
                            System.err.println("idle-clients: logon rejected: " + result.text());
                            return ArbiterMain.EXIT_FAILURE;
                        }
                    }
                    window.clear();
                }
            }
            System.out.println("ready " + clients.size());
            System.out.flush();
            waitForEndOfInput(System.in);
            int lost = 0;
            for (final ArbiterClient client : clients)
            {
                if (client.state() != ArbiterClient.State.LOGGED_ON)
                {
                    lost++;
                }
            }
            System.out.println("lost " + lost);
            System.out.flush();
            return lost == 0 ? ArbiterMain.EXIT_OK : ArbiterMain.EXIT_FAILURE;
        }
    }

    private static void waitForEndOfInput(final InputStream in) throws IOException
    {
        final byte[] skip = new byte[256];
        while (in.read(skip) >= 0)
        {
            Thread.onSpinWait();
        }
    }
}
