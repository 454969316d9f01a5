package io.arbiter.app.bench;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.VersionProvider;
import io.arbiter.client.ArbiterClient;
import io.arbiter.client.ClientContext;
import io.arbiter.client.ClientListener;
import io.arbiter.client.LogonResult;
import io.arbiter.protocol.ClientMessageEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.ReferenceCountUtil;
import org.agrona.concurrent.UnsafeBuffer;
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
 * prints {@code ready N} on stdout, keeps them alive with heartbeats until stdin closes, then exits. With
 * {@code --echo} the same traffic against an echo server (the floor of {@code bench idle-sessions --floor}): plain
 * connections, no logon, one heartbeat frame per connection per interval, the echoes discarded. Main thread and the
 * client's event loops; produces garbage.
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
    /** Period of the timer that sends the echo connections' heartbeats, ms. */
    static final long ECHO_TICK_MS = 10;

    @Option(names = "--host", paramLabel = "HOST", description = "Server host (default: ${DEFAULT-VALUE}).")
    private String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", required = true, description = "Order gateway port.")
    private int port;

    @Option(names = "--sessions", paramLabel = "N", description = "Sessions to hold (default: ${DEFAULT-VALUE}).")
    private int sessions = 1000;

    @Option(names = "--heartbeat-ms", paramLabel = "MS",
        description = "Heartbeat interval each session asks for and keeps (default: ${DEFAULT-VALUE}).")
    private int heartbeatMs = 30_000;

    @Option(names = "--echo",
        description = "Connect to an echo server instead of a node: no logon, one heartbeat frame per connection " +
            "per interval, the echoes discarded.")
    private boolean echo;

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
        if (echo)
        {
            return holdEchoConnections();
        }
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

    /**
     * Open the connections to the echo server, then send each one heartbeat frame per interval (spread evenly: one
     * timer on the event loop sends to the next share of connections every {@value #ECHO_TICK_MS} ms) until stdin
     * closes.
     *
     * @return 0 if every connection stayed open.
     */
    private int holdEchoConnections() throws Exception
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[16]);
        final byte[] heartbeat = new byte[new ClientMessageEncoder().encodeHeartbeat(frame, 0, frame.capacity())];
        frame.getBytes(0, heartbeat);
        try (ClientContext context = ClientContext.builder().ioThreads(1).build())
        {
            final Channel[] channels = new Channel[sessions];
            final Bootstrap bootstrap = new Bootstrap()
                .group(context.group())
                .channel(context.transport().socketChannelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInboundHandlerAdapter()
                {
                    @Override
                    public boolean isSharable()
                    {
                        return true;
                    }

                    @Override
                    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
                    {
                        ReferenceCountUtil.release(msg);
                    }
                });
            for (int i = 0; i < sessions; i++)
            {
                channels[i] = bootstrap.connect(host, port).sync().channel();
            }
            final long perTick = Math.max(1, (long)Math.ceil(sessions * (double)ECHO_TICK_MS / heartbeatMs));
            final int[] next = new int[1];
            context.group().next().scheduleAtFixedRate(() ->
            {
                for (long i = 0; i < perTick; i++)
                {
                    final Channel channel = channels[next[0]];
                    next[0] = (next[0] + 1) % channels.length;
                    if (channel.isActive())
                    {
                        channel.writeAndFlush(channel.alloc().buffer(heartbeat.length).writeBytes(heartbeat),
                            channel.voidPromise());
                    }
                }
            }, ECHO_TICK_MS, ECHO_TICK_MS, TimeUnit.MILLISECONDS);
            System.out.println("ready " + sessions);
            System.out.flush();
            waitForEndOfInput(System.in);
            int lost = 0;
            for (final Channel channel : channels)
            {
                if (!channel.isActive())
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
