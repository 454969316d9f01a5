package io.arbiter.app.bench;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.ReportFiles;
import io.arbiter.app.VersionProvider;
import io.arbiter.app.loadgen.DurationConverter;
import io.arbiter.client.ClientTransport;
import io.arbiter.loadgen.Durations;
import io.arbiter.loadgen.Json;
import io.arbiter.loadgen.MachineInfo;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code arbiter bench fanout}: the floor under the market-data feed's fan-out, the same bytes to N loopback sockets
 * with nothing else. A server writes, every interval, one batch of frames (rate x interval messages of a given size) to
 * each of N connections (one copy and one write and flush per connection and batch, as the feed's hand-off does); N
 * clients read and discard. Prints bytes and writes per second offered and received and the CPU of the writing and
 * reading event loops. Control plane; used by one thread, once; produces garbage.
 */
@Command(
    name = "fanout",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "The floor under the market-data fan-out: the same bytes written to N loopback sockets with nothing else " +
            "(no node, no matching, no decoding). Every --interval a server writes one batch of --rate x " +
            "--interval frames of --message-bytes each to every connection (one copy and one write per " +
            "connection and batch, like the feed); the clients read and discard.",
        "Prints bytes/s and writes/s offered and received and the CPU of the writer and reader event loops; compare " +
            "with the feed_event_loops and feed_thread CPU of `arbiter bench marketdata` at the same message rate.",
        ""
    })
public final class BenchFanOutCommand implements Callable<Integer>
{
    @Option(names = "--subscribers", paramLabel = "N", description = "Connections (default: ${DEFAULT-VALUE}).")
    private int subscribers = 1000;

    @Option(names = { "-r", "--rate" }, paramLabel = "MESSAGES_PER_S",
        description = "Messages per second to every subscriber, e.g. 100k; the feed sends about one per accepted " +
            "order (default: ${DEFAULT-VALUE}).")
    private String rate = "100k";

    @Option(names = "--message-bytes", paramLabel = "N",
        description = "Bytes per message (default: ${DEFAULT-VALUE}, about a BookUpdate of one level or a " +
            "PublicTrade).")
    private int messageBytes = 40;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Time between batches (default: 250us, the feed's with 1,000 subscribers).")
    private long intervalNs = TimeUnit.MICROSECONDS.toNanos(250);

    @Option(names = { "-d", "--duration" }, paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Measured duration (default: 5s).")
    private long durationNs = TimeUnit.SECONDS.toNanos(5);

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Warm-up, excluded (default: 2s).")
    private long warmupNs = TimeUnit.SECONDS.toNanos(2);

    @Option(names = "--io-threads", paramLabel = "N",
        description = "Event loops of the writer and, again, of the readers (default: ${DEFAULT-VALUE}).")
    private int ioThreads = 1;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to this file.")
    private Path json;

    private final LongAdder written = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder received = new LongAdder();

    /**
     * Runs the fan-out; picocli calls it after parsing the options.
     *
     * @return 0 on success, 2 for invalid options.
     * @throws Exception if interrupted, a socket cannot be opened or the JSON cannot be written.
     */
    @Override
    public Integer call() throws Exception
    {
        final long messagesPerS;
        try
        {
            messagesPerS = BenchE2eCommand.parseRate(rate, false);
            if (subscribers < 1 || messageBytes < 1 || intervalNs <= 0 || durationNs <= 0 || warmupNs < 0 ||
                ioThreads < 1)
            {
                throw new IllegalArgumentException("--subscribers, --message-bytes, --interval, --duration and " +
                    "--io-threads must be positive, --warmup not negative");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("invalid options: " + ex.getMessage());
            return ArbiterMain.EXIT_USAGE;
        }
        final int batchBytes = (int)Math.max(1, Math.round(messagesPerS * (intervalNs / 1e9) * messageBytes));
        final byte[] batch = new byte[batchBytes];
        final ClientTransport transport = ClientTransport.best();
        final EventLoopGroup writers = new MultiThreadIoEventLoopGroup(ioThreads,
            new DefaultThreadFactory("arbiter-fanout-writer"), transport.ioHandlerFactory());
        final EventLoopGroup readers = new MultiThreadIoEventLoopGroup(ioThreads,
            new DefaultThreadFactory("arbiter-fanout-reader"), transport.ioHandlerFactory());
        final List<Channel> accepted = new ArrayList<>();
        try
        {
            final Channel server = new ServerBootstrap()
                .group(writers)
                .channel(transport.serverSocketChannelClass())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>()
                {
                    @Override
                    protected void initChannel(final Channel channel)
                    {
                        synchronized (accepted)
                        {
                            accepted.add(channel);
                        }
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            final int port = ((InetSocketAddress)server.localAddress()).getPort();
            for (int i = 0; i < subscribers; i++)
            {
                new Bootstrap()
                    .group(readers)
                    .channel(transport.socketChannelClass())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInboundHandlerAdapter()
                    {
                        @Override
                        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
                        {
                            final ByteBuf bytes = (ByteBuf)msg;
                            received.add(bytes.readableBytes());
                            bytes.release();
                        }
                    })
                    .connect("127.0.0.1", port).sync();
            }
            final long acceptDeadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (accepted.size() < subscribers && System.nanoTime() < acceptDeadlineNs)
            {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            final List<ScheduledFuture<?>> tickers = startWriters(accepted, batch);
            TimeUnit.NANOSECONDS.sleep(warmupNs);
            final long[] cpuBefore = cpu();
            final long writtenBefore = written.sum();
            final long writesBefore = writes.sum();
            final long receivedBefore = received.sum();
            final long startNs = System.nanoTime();
            TimeUnit.NANOSECONDS.sleep(durationNs);
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            final long[] cpuAfter = cpu();
            final Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("subscribers", accepted.size());
            figures.put("messages_per_s_per_subscriber", messagesPerS);
            figures.put("message_bytes", messageBytes);
            figures.put("interval_ns", intervalNs);
            figures.put("batch_bytes", batchBytes);
            figures.put("offered_bytes_per_s", batchBytes * 1e9 / intervalNs * accepted.size());
            figures.put("offered_writes_per_s", 1e9 / intervalNs * accepted.size());
            figures.put("written_bytes_per_s", (written.sum() - writtenBefore) / seconds);
            figures.put("writes_per_s", (writes.sum() - writesBefore) / seconds);
            figures.put("received_bytes_per_s", (received.sum() - receivedBefore) / seconds);
            figures.put("writer_cpu_cores", (cpuAfter[0] - cpuBefore[0]) / 1e9 / seconds);
            figures.put("reader_cpu_cores", (cpuAfter[1] - cpuBefore[1]) / 1e9 / seconds);
            figures.put("machine", MachineInfo.describe());
            for (final ScheduledFuture<?> ticker : tickers)
            {
                ticker.cancel(false);
            }
            server.close().sync();
            System.out.print(summary(figures));
            if (json != null)
            {
                ReportFiles.write(json, Json.write(figures));
            }
            return ArbiterMain.EXIT_OK;
        }
        finally
        {
            writers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10_000);
            readers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10_000);
        }
    }

    /** One periodic task per writer event loop: a copy of the batch to each of its connections, written and flushed. */
    private List<ScheduledFuture<?>> startWriters(final List<Channel> channels, final byte[] batch)
    {
        final Map<EventLoop, List<Channel>> byLoop = new IdentityHashMap<>();
        synchronized (channels)
        {
            for (final Channel channel : channels)
            {
                byLoop.computeIfAbsent(channel.eventLoop(), loop -> new ArrayList<>()).add(channel);
            }
        }
        final List<ScheduledFuture<?>> tickers = new ArrayList<>();
        for (final Map.Entry<EventLoop, List<Channel>> entry : byLoop.entrySet())
        {
            final Channel[] loopChannels = entry.getValue().toArray(new Channel[0]);
            tickers.add(entry.getKey().scheduleAtFixedRate(() ->
            {
                for (final Channel channel : loopChannels)
                {
                    if (channel.isWritable())
                    {
                        channel.writeAndFlush(channel.alloc().directBuffer(batch.length).writeBytes(batch),
                            channel.voidPromise());
                        written.add(batch.length);
                        writes.increment();
                    }
                }
            }, intervalNs, intervalNs, TimeUnit.NANOSECONDS));
        }
        return tickers;
    }

    /** CPU nanoseconds of the writer and of the reader event loops so far. */
    private static long[] cpu()
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long[] cpu = new long[2];
        for (final long id : threads.getAllThreadIds())
        {
            final java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
            if (info == null)
            {
                continue;
            }
            final long ns = Math.max(0, threads.getThreadCpuTime(id));
            if (info.getThreadName().startsWith("arbiter-fanout-writer"))
            {
                cpu[0] += ns;
            }
            else if (info.getThreadName().startsWith("arbiter-fanout-reader"))
            {
                cpu[1] += ns;
            }
        }
        return cpu;
    }

    private String summary(final Map<String, Object> figures)
    {
        return String.format(Locale.ROOT, "fan-out floor: %d subscribers, %d-byte messages at %s/s each, a batch of " +
                "%d bytes every %s%n" +
                "offered    %,15.0f bytes/s  in %,.0f writes/s%n" +
                "written    %,15.0f bytes/s  in %,.0f writes/s (one write and flush per subscriber and batch; a " +
                "batch due while the connection is not writable is skipped)%n" +
                "received   %,15.0f bytes/s%n" +
                "CPU        writer event loops %.2f cores, reader event loops %.2f cores%n",
            figures.get("subscribers"), messageBytes, rate, figures.get("batch_bytes"), Durations.format(intervalNs),
            (Double)figures.get("offered_bytes_per_s"), (Double)figures.get("offered_writes_per_s"),
            (Double)figures.get("written_bytes_per_s"),
            (Double)figures.get("writes_per_s"), (Double)figures.get("received_bytes_per_s"),
            (Double)figures.get("writer_cpu_cores"), (Double)figures.get("reader_cpu_cores"));
    }
}
