package io.arbiter.bench.journal;

import com.google.protobuf.ByteString;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.Logon;
import io.arbiter.protocol.proto.NewOrder;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.journal.DurabilityPolicy;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerConfigLoader;
import org.HdrHistogram.Histogram;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * End-to-end loopback measurement of the node with the journal off and under each durability policy: in-process
 * {@link ArbiterNode}, N TCP clients each keeping W orders in flight (crossing buy/sell pairs), round trip from send
 * to Accepted into an HdrHistogram. Not a test: run its {@code main} by hand (see docs/benchmarks.md). Main thread
 * plus one thread per client.
 */
public final class JournalEndToEndBench
{
    private static final long UNIT = 100_000_000L;

    private JournalEndToEndBench()
    {
    }

    /**
     * @param args [seconds per run, clients, window, modes (comma separated: off, none, interval, batch)].
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        final int clients = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        final int window = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        final String[] modes = args.length > 3 ? args[3].split(",") : new String[]{"off", "none", "interval", "batch"};
        for (final String mode : modes)
        {
            final Path dir = Files.createTempDirectory("arbiter-e2e");
            final var context = new ServerConfigLoader().loadDefaults().port(0).marketDataPort(0).adminPort(-1)
                .dataDir(dir.toString()).cancelOnDisconnect(false).journalEnabled(!mode.equals("off"))
                .snapshotIntervalCommands(0);
            if (!mode.equals("off"))
            {
                context.journalDurability(DurabilityPolicy.parse(mode));
            }
            try (ArbiterNode node = new ArbiterNode(context).start())
            {
                final Histogram histogram = new Histogram(60_000_000_000L, 3);
                final Histogram[] perClient = new Histogram[clients];
                final List<Thread> threads = new ArrayList<>();
                final long[] counts = new long[clients];
                final long endNs = System.nanoTime() + seconds * 1_000_000_000L;
                for (int c = 0; c < clients; c++)
                {
                    final int index = c;
                    perClient[c] = new Histogram(60_000_000_000L, 3);
                    final Thread t = new Thread(
                        () -> counts[index] = run(node.port(), index, window, endNs, perClient[index]));
                    threads.add(t);
                    t.start();
                }
                long total = 0;
                for (int c = 0; c < clients; c++)
                {
                    threads.get(c).join();
                    total += counts[c];
                    histogram.add(perClient[c]);
                }
                System.out.printf("journal=%-8s clients=%d window=%d: %,d orders/s acknowledged; round trip" +
                    " p50 %,d us p99 %,d us p99.9 %,d us max %,d us%n", mode, clients, window, total / seconds,
                    histogram.getValueAtPercentile(50) / 1000, histogram.getValueAtPercentile(99) / 1000,
                    histogram.getValueAtPercentile(99.9) / 1000, histogram.getMaxValue() / 1000);
            }
        }
    }

    private static long run(final int port, final int index, final int window, final long endNs, final Histogram h)
    {
        final String account = "demo" + (index + 1);
        long acknowledged = 0;
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            socket.setTcpNoDelay(true);
            final OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            final InputStream in = new BufferedInputStream(socket.getInputStream());
            ClientMessage.newBuilder().setLogon(Logon.newBuilder().setAccount(account)
                .setSecret(ByteString.copyFrom(account + "-secret", StandardCharsets.UTF_8)).setProtocolVersion(1))
                .build().writeDelimitedTo(out);
            out.flush();
            ServerMessage.parseDelimitedFrom(in);
            final long[] sentNs = new long[1 << 20];
            long next = 1;
            for (int i = 0; i < window; i++)
            {
                send(out, next, sentNs);
                next++;
            }
            out.flush();
            while (System.nanoTime() < endNs)
            {
                final ServerMessage message = ServerMessage.parseDelimitedFrom(in);
                final long id;
                if (message.hasAccepted())
                {
                    id = message.getAccepted().getClientOrderId();
                }
                else if (message.hasRejected())
                {
                    id = message.getRejected().getClientOrderId();
                }
                else
                {
                    continue;
                }
                h.recordValue(System.nanoTime() - sentNs[(int)(id & (sentNs.length - 1))]);
                acknowledged++;
                send(out, next, sentNs);
                next++;
                out.flush();
            }
        }
        catch (final Exception ex)
        {
            System.err.println(account + ": " + ex);
        }
        return acknowledged;
    }

    private static void send(final OutputStream out, final long id, final long[] sentNs) throws java.io.IOException
    {
        sentNs[(int)(id & (sentNs.length - 1))] = System.nanoTime();
        ClientMessage.newBuilder().setNewOrder(NewOrder.newBuilder().setClientOrderId(id).setSymbol("BTC-USD")
            .setSide((id & 1) == 0 ? Side.BUY : Side.SELL).setType(OrderType.LIMIT).setTimeInForce(TimeInForce.GTC)
            .setPrice(100 * UNIT).setQuantity(1)).build().writeDelimitedTo(out);
    }
}
