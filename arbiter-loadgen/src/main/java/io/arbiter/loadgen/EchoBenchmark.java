package io.arbiter.loadgen;

import io.arbiter.client.ClientContext;
import io.arbiter.client.ClientTransport;
import io.arbiter.client.VarintFrameDecoder;
import io.arbiter.protocol.ClientMessageEncoder;
import io.arbiter.protocol.proto.OrderType;
import io.arbiter.protocol.proto.SelfTradePrevention;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
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
import io.netty.util.concurrent.EventExecutor;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The physical baseline: a plain TCP echo server and an open-loop client on loopback, using the same Netty transport,
 * pooled buffers, NewOrder encoding and varint framing as {@link io.arbiter.client.ArbiterClient}, measuring the
 * round trip from each frame's intended send time, over one or more connections sharing one schedule. With
 * {@link #durable(Path)} the echo server writes what it reads to a file and forces it before echoing
 * ({@link ForcedEchoLog}): the floor of a node whose replies wait for the disk. One {@link #run()} per instance, on
 * the calling thread.
 */
public final class EchoBenchmark
{
    private static final long HIGHEST_NS = TimeUnit.MINUTES.toNanos(1);
    private static final long DRAIN_DEADLINE_NS = TimeUnit.SECONDS.toNanos(30);
    private static final int RING = 1 << 20;
    private static final String SERVER_THREADS = "echo-server";

    private long ratePerSecond = 10_000;
    private long durationNs = TimeUnit.SECONDS.toNanos(10);
    private long warmupNs = TimeUnit.SECONDS.toNanos(2);
    private long tickIntervalNs = TimeUnit.MICROSECONDS.toNanos(100);
    private int connections = 1;
    private int ioThreads = 1;
    private Path durableDirectory;
    private int serverPort;

    /**
     * Client connections; the schedule is dealt round-robin over them, as the load generator does, so a baseline for
     * an N-connection run sends as many writes and wake-ups per frame as that run does.
     *
     * @param connections at least 1.
     * @return this.
     */
    public EchoBenchmark connections(final int connections)
    {
        this.connections = connections;
        return this;
    }

    /**
     * Client and echo-server event loops (each side gets this many).
     *
     * @param ioThreads at least 1.
     * @return this.
     */
    public EchoBenchmark ioThreads(final int ioThreads)
    {
        this.ioThreads = ioThreads;
        return this;
    }

    /**
     * Make the echo durable: each event loop of the echo server writes the frames it reads to a file of its own in
     * {@code directory} and forces it once per loop cycle before echoing them ({@link ForcedEchoLog}).
     *
     * @param directory where the files are created (and deleted after the run), or null for the plain echo.
     * @return this.
     */
    public EchoBenchmark durable(final Path directory)
    {
        this.durableDirectory = directory;
        return this;
    }

    /**
     * Use a running echo server ({@link Server}) instead of starting one for this run, e.g. one that other
     * connections share.
     *
     * @param port the server's loopback port, or 0 to start one (the default).
     * @return this.
     */
    public EchoBenchmark server(final int port)
    {
        this.serverPort = port;
        return this;
    }

    /**
     * Frames per second.
     *
     * @param ratePerSecond at least 1.
     * @return this.
     */
    public EchoBenchmark rate(final long ratePerSecond)
    {
        this.ratePerSecond = ratePerSecond;
        return this;
    }

    /**
     * Measured duration.
     *
     * @param durationNs nanoseconds.
     * @return this.
     */
    public EchoBenchmark durationNs(final long durationNs)
    {
        this.durationNs = durationNs;
        return this;
    }

    /**
     * Warm-up, excluded from the figures.
     *
     * @param warmupNs nanoseconds.
     * @return this.
     */
    public EchoBenchmark warmupNs(final long warmupNs)
    {
        this.warmupNs = warmupNs;
        return this;
    }

    /**
     * Runs the echo server and client, then shuts both down.
     *
     * @return round-trip figures and counts as name/value pairs (latencies in ns) and the histogram.
     * @throws InterruptedException if interrupted.
     */
    public Result run() throws InterruptedException
    {
        if (ratePerSecond < 1 || durationNs <= 0 || warmupNs < 0 || connections < 1 || ioThreads < 1)
        {
            throw new IllegalArgumentException(
                "rate, duration, connections and I/O threads must be positive, warm-up not negative");
        }
        if (serverPort != 0 && durableDirectory != null)
        {
            throw new IllegalArgumentException("a durable echo starts its own server");
        }
        final Recorder recorder = new Recorder(HIGHEST_NS, 3);
        final LongAdder received = new LongAdder();
        final Histogram total = new Histogram(HIGHEST_NS, 3);
        final EventLoopGroup serverGroup;
        try (ClientContext context = ClientContext.builder().ioThreads(ioThreads).build())
        {
            serverGroup = serverPort != 0 ? null : new MultiThreadIoEventLoopGroup(ioThreads,
                new DefaultThreadFactory(SERVER_THREADS, true), context.transport().ioHandlerFactory());
            final Map<EventExecutor, ForcedEchoLog> logs = new LinkedHashMap<>();
            try
            {
                if (durableDirectory != null)
                {
                    for (final EventExecutor loop : serverGroup)
                    {
                        logs.put(loop, new ForcedEchoLog(durableDirectory));
                    }
                }
                final Channel serverChannel = serverGroup == null ? null : bind(serverGroup, context.transport(), logs);
                final int port = serverChannel == null ? serverPort :
                    ((InetSocketAddress)serverChannel.localAddress()).getPort();
                final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20 + connections / 10);
                final List<Sender> senders = new ArrayList<>(connections);
                final Map<EventLoop, List<Sender>> byLoop = new LinkedHashMap<>();
                for (int i = 0; i < connections; i++)
                {
                    final Sender sender = new Sender(recorder, received, i);
                    final Channel channel = new Bootstrap()
                        .group(context.group())
                        .channel(context.transport().socketChannelClass())
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.ALLOCATOR, context.allocator())
                        .handler(new ChannelInitializer<Channel>()
                        {
                            @Override
                            protected void initChannel(final Channel ch)
                            {
                                ch.pipeline().addLast(new VarintFrameDecoder(sender::onEcho, 1 << 16));
                            }
                        })
                        .connect("127.0.0.1", port).sync().channel();
                    sender.start(channel, startNs);
                    senders.add(sender);
                    byLoop.computeIfAbsent(channel.eventLoop(), loop -> new ArrayList<>()).add(sender);
                }
                final List<ScheduledFuture<?>> tickers = new ArrayList<>();
                for (final Map.Entry<EventLoop, List<Sender>> entry : byLoop.entrySet())
                {
                    final Sender[] onLoop = entry.getValue().toArray(new Sender[0]);
                    tickers.add(entry.getKey().scheduleAtFixedRate(() ->
                    {
                        for (final Sender sender : onLoop)
                        {
                            sender.tick();
                        }
                    }, 0, tickIntervalNs, TimeUnit.NANOSECONDS));
                }
                TimeUnit.NANOSECONDS.sleep(Math.max(0, startNs - System.nanoTime()) + warmupNs);
                for (final Map.Entry<EventExecutor, ForcedEchoLog> log : logs.entrySet())
                {
                    log.getKey().execute(log.getValue()::resetFigures);
                }
                final CpuSplit cpuBefore = CpuSplit.now();
                final long serverCpuBefore = threadCpuNs(SERVER_THREADS);
                final long receivedBefore = received.sum();
                TimeUnit.NANOSECONDS.sleep(durationNs);
                final CpuSplit cpu = CpuSplit.now().since(cpuBefore);
                final long serverCpuNs = threadCpuNs(SERVER_THREADS) - serverCpuBefore;
                final long echoedInWindow = received.sum() - receivedBefore;
                final Histogram forces = new Histogram(HIGHEST_NS, 3);
                final long bytesForced = collectForces(logs, forces);
                // a busy machine can delay the ticks by seconds (a starved event loop): let the schedule finish
                // before stopping the senders; the loops below end as soon as the work is done, so the generous
                // deadlines cost a quiet run nothing
                final long sendDeadlineNs = System.nanoTime() + DRAIN_DEADLINE_NS;
                while (sent(senders) < totalFrames(senders) && failure(senders) == null &&
                    System.nanoTime() < sendDeadlineNs)
                {
                    TimeUnit.MILLISECONDS.sleep(1);
                }
                for (final ScheduledFuture<?> ticker : tickers)
                {
                    ticker.cancel(false);
                }
                if (failure(senders) != null)
                {
                    throw new IllegalStateException("echo sender failed", failure(senders));
                }
                final long sent = sent(senders);
                final long deadlineNs = System.nanoTime() + DRAIN_DEADLINE_NS;
                while (received.sum() < sent && System.nanoTime() < deadlineNs)
                {
                    TimeUnit.MILLISECONDS.sleep(1);
                }
                total.add(recorder.getIntervalHistogram());
                for (final Sender sender : senders)
                {
                    sender.channel.close().sync();
                }
                if (serverChannel != null)
                {
                    serverChannel.close().sync();
                }
                final Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("transport", context.transport().name());
                figures.put("rate_per_s", ratePerSecond);
                figures.put("connections", connections);
                figures.put("io_threads", ioThreads);
                figures.put("frame_bytes", senders.get(0).frameLength);
                figures.put("sent", sent);
                figures.put("received", received.sum());
                figures.putAll(LatencySummary.of(total).describe());
                figures.put("window_received", echoedInWindow);
                figures.put("window_received_per_s", Math.round(echoedInWindow * 1e9 / durationNs));
                figures.put("cores_busy", Math.round(cpu.cores() * 100) / 100.0);
                figures.put("cpu_us_per_frame_echo_server",
                    echoedInWindow == 0 ? 0.0 : thousandths(serverCpuNs / 1e3 / echoedInWindow));
                figures.put("cpu_us_per_frame_client", thousandths(cpu.clientMicrosPerRequest(echoedInWindow)));
                figures.put("cpu_us_per_frame_process", thousandths(cpu.processMicrosPerRequest(echoedInWindow)));
                figures.put("durable", durableDirectory != null);
                if (durableDirectory != null)
                {
                    figures.put("forces", forces.getTotalCount());
                    figures.put("force_p50_ns", forces.getValueAtPercentile(50));
                    figures.put("force_p99_ns", forces.getValueAtPercentile(99));
                    figures.put("frames_per_force", forces.getTotalCount() == 0 ? 0.0 :
                        thousandths(bytesForced / (double)senders.get(0).frameLength / forces.getTotalCount()));
                }
                return new Result(figures, total);
            }
            finally
            {
                if (serverGroup != null)
                {
                    serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
                }
                logs.values().forEach(ForcedEchoLog::close);
            }
        }
    }

    private static Channel bind(
        final EventLoopGroup group, final ClientTransport transport, final Map<EventExecutor, ForcedEchoLog> logs)
        throws InterruptedException
    {
        return new ServerBootstrap()
            .group(group)
            .channel(transport.serverSocketChannelClass())
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new EchoHandler(logs))
            .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /**
     * A plain echo server on loopback that outlives single runs, for runs that share it with other connections
     * ({@link #server(int)}); its event loops carry the same thread names as a run's own, so the runs' echo-server
     * CPU figures count them. Control plane.
     */
    public static final class Server implements AutoCloseable
    {
        private final EventLoopGroup group;
        private final Map<EventExecutor, ForcedEchoLog> logs = new LinkedHashMap<>();
        private final Channel channel;

        /**
         * Start a plain echo server.
         *
         * @param ioThreads its event loops.
         * @throws InterruptedException if interrupted while binding.
         */
        public Server(final int ioThreads) throws InterruptedException
        {
            this(ioThreads, null);
        }

        /**
         * Start the server.
         *
         * @param ioThreads        its event loops.
         * @param durableDirectory where each loop's file is created to make the echo durable (as
         *                         {@link EchoBenchmark#durable(Path)}), or null for a plain echo.
         * @throws InterruptedException if interrupted while binding.
         */
        public Server(final int ioThreads, final Path durableDirectory) throws InterruptedException
        {
            final ClientTransport transport = ClientTransport.best();
            group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory(SERVER_THREADS, true),
                transport.ioHandlerFactory());
            if (durableDirectory != null)
            {
                for (final EventExecutor loop : group)
                {
                    logs.put(loop, new ForcedEchoLog(durableDirectory));
                }
            }
            channel = bind(group, transport, logs);
        }

        /**
         * @return the loopback port it listens on.
         */
        public int port()
        {
            return ((InetSocketAddress)channel.localAddress()).getPort();
        }

        /**
         * Close the server and every connection to it.
         */
        @Override
        public void close()
        {
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            logs.values().forEach(ForcedEchoLog::close);
        }
    }

    /**
     * Add every loop's forces of the measured window to {@code into}, each read on its own loop.
     *
     * @return the bytes those forces made durable.
     */
    private static long collectForces(final Map<EventExecutor, ForcedEchoLog> logs, final Histogram into)
        throws InterruptedException
    {
        long bytes = 0;
        for (final Map.Entry<EventExecutor, ForcedEchoLog> log : logs.entrySet())
        {
            final Histogram forces = new Histogram(HIGHEST_NS, 3);
            try
            {
                bytes += log.getKey().submit(() -> log.getValue().addForcesTo(forces)).get();
            }
            catch (final ExecutionException ex)
            {
                throw new IllegalStateException("durable echo: cannot read a loop's forces", ex.getCause());
            }
            into.add(forces);
        }
        return bytes;
    }

    private static double thousandths(final double value)
    {
        return Math.round(value * 1000) / 1000.0;
    }

    /**
     * @return CPU time of the live threads whose names start with the prefix, ns. Produces garbage.
     */
    private static long threadCpuNs(final String prefix)
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds()))
        {
            if (info != null && info.getThreadName().startsWith(prefix))
            {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private int ring()
    {
        // frames a connection may have in flight: the whole budget on one connection, at least 4,096 on each of many
        return Math.max(4096, Integer.highestOneBit(RING / connections));
    }

    private static long sent(final List<Sender> senders)
    {
        long sum = 0;
        for (final Sender sender : senders)
        {
            sum += sender.sent();
        }
        return sum;
    }

    private static long totalFrames(final List<Sender> senders)
    {
        long sum = 0;
        for (final Sender sender : senders)
        {
            sum += sender.totalFrames;
        }
        return sum;
    }

    private static RuntimeException failure(final List<Sender> senders)
    {
        for (final Sender sender : senders)
        {
            if (sender.failure != null)
            {
                return sender.failure;
            }
        }
        return null;
    }

    /**
     * Figures of an echo run.
     *
     * @param figures   name/value pairs (latencies in ns).
     * @param histogram the measured round trips, ns.
     */
    public record Result(Map<String, Object> figures, Histogram histogram)
    {
        /**
         * A one-screen summary.
         *
         * @return the text.
         */
        public String summary()
        {
            final LatencySummary s = LatencySummary.of(histogram);
            return String.format(Locale.ROOT,
                "%secho over %s loopback, %s frames/s over %s connections, %s-byte NewOrder frames: " +
                    "sent %s, received %s%n" +
                    "round trip (us): p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  (n=%d)%n" +
                    "measured window: %s frames/s echoed, %s cores busy, CPU per frame (us): echo server %s, " +
                    "client %s, whole process %s%n",
                Boolean.TRUE.equals(figures.get("durable")) ? "durable " : "",
                figures.get("transport"), figures.get("rate_per_s"), figures.get("connections"),
                    figures.get("frame_bytes"),
                figures.get("sent"),
                figures.get("received"), s.p50() / 1e3, s.p90() / 1e3, s.p99() / 1e3, s.p999() / 1e3, s.max() / 1e3,
                s.count(), figures.get("window_received_per_s"), figures.get("cores_busy"),
                figures.get("cpu_us_per_frame_echo_server"), figures.get("cpu_us_per_frame_client"),
                figures.get("cpu_us_per_frame_process")) + durableLine(s);
        }

        private String durableLine(final LatencySummary s)
        {
            if (!Boolean.TRUE.equals(figures.get("durable")))
            {
                return "";
            }
            final double forceP50 = ((Number)figures.get("force_p50_ns")).longValue() / 1e3;
            return String.format(Locale.ROOT,
                "forced before each echo (fdatasync, once per event-loop cycle): %s forces in the measured window, " +
                    "p50 %.1f us, p99 %.1f us, %s frames per force; round trip p50 - force p50: %.1f us%n",
                figures.get("forces"), forceP50, ((Number)figures.get("force_p99_ns")).longValue() / 1e3,
                figures.get("frames_per_force"), s.p50() / 1e3 - forceP50);
        }
    }

    /**
     * Writes every received byte straight back, or, durable, through the loop's {@link ForcedEchoLog}. Runs on the
     * echo server's event loop.
     */
    private static final class EchoHandler extends ChannelInitializer<Channel>
    {
        private final Map<EventExecutor, ForcedEchoLog> logs;

        EchoHandler(final Map<EventExecutor, ForcedEchoLog> logs)
        {
            this.logs = logs;
        }

        @Override
        protected void initChannel(final Channel ch)
        {
            final ForcedEchoLog log = logs.get(ch.eventLoop());
            ch.pipeline().addLast(new ChannelInboundHandlerAdapter()
            {
                @Override
                public void channelRead(final ChannelHandlerContext ctx, final Object msg)
                {
                    if (log != null)
                    {
                        log.onRead(ctx, (ByteBuf)msg);
                    }
                    else
                    {
                        ctx.write(msg, ctx.voidPromise());
                    }
                }

                @Override
                public void channelReadComplete(final ChannelHandlerContext ctx)
                {
                    if (log == null)
                    {
                        ctx.flush();
                    }
                }
            });
        }
    }

    /**
     * Sends NewOrder frames on the schedule and matches echoes to intended send times in order. Runs on the client's
     * event loop.
     */
    private final class Sender
    {
        private final long[] intended = new long[ring()];
        private final ClientMessageEncoder encoder = new ClientMessageEncoder();
        private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
        private final Recorder recorder;
        private final LongAdder received;
        private final int slot;
        private volatile long sentCount;
        private long receivedCount;
        private long startNs;
        private long measureStartNs;
        private volatile long totalFrames;
        private Channel channel;
        private int frameLength;
        private volatile RuntimeException failure;

        Sender(final Recorder recorder, final LongAdder received, final int slot)
        {
            this.recorder = recorder;
            this.received = received;
            this.slot = slot;
        }

        void start(final Channel channel, final long startNs)
        {
            this.channel = channel;
            this.startNs = startNs;
            this.measureStartNs = startNs + warmupNs;
            final long scheduleFrames = (warmupNs + durationNs) / 1_000 * ratePerSecond / 1_000_000;
            this.totalFrames = scheduleFrames / connections + (slot < scheduleFrames % connections ? 1 : 0);
        }

        long sent()
        {
            return sentCount;
        }

        void tick()
        {
            try
            {
                sendDue();
            }
            catch (final RuntimeException ex)
            {
                failure = ex;
                throw ex;
            }
        }

        private void sendDue()
        {
            final long nowNs = System.nanoTime();
            ByteBuf batch = null;
            long index = sentCount;
            while (index < totalFrames)
            {
                final long intendedNs = startNs + (index * connections + slot) * 1_000_000_000L / ratePerSecond;
                if (intendedNs > nowNs || index - receivedCount >= intended.length)
                {
                    break;
                }
                if (batch == null)
                {
                    batch = channel.alloc().directBuffer(64 * 1024);
                    if (batch.hasMemoryAddress())
                    {
                        view.wrap(batch.memoryAddress(), batch.capacity());
                    }
                    else
                    {
                        view.wrap(batch.nioBuffer(0, batch.capacity()));
                    }
                }
                final int length = encoder.encodeNewOrder(view, batch.writerIndex(), batch.writableBytes(), index + 1,
                    "ECHO", Side.BUY.getNumber(), OrderType.LIMIT.getNumber(), TimeInForce.GTC.getNumber(),
                    10_000_000_000L, 1, SelfTradePrevention.STP_NONE.getNumber(), intendedNs, 0, 0);
                if (length <= 0)
                {
                    break;
                }
                frameLength = length;
                batch.writerIndex(batch.writerIndex() + length);
                intended[(int)(index & (intended.length - 1))] = intendedNs;
                index++;
            }
            if (batch != null)
            {
                sentCount = index;
                channel.writeAndFlush(batch, channel.voidPromise());
            }
        }

        int onEcho(final DirectBuffer buffer, final int offset, final int length)
        {
            final long nowNs = System.nanoTime();
            final long intendedNs = intended[(int)(receivedCount & (intended.length - 1))];
            receivedCount++;
            received.increment();
            if (intendedNs >= measureStartNs)
            {
                recorder.recordValue(Math.min(HIGHEST_NS, Math.max(0, nowNs - intendedNs)));
            }
            return 0;
        }
    }
}
