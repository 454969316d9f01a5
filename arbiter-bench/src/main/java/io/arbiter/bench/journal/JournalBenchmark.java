package io.arbiter.bench.journal;

import io.arbiter.bench.engine.OrderFlowGenerator;
import io.arbiter.engine.Command;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.NoOpExecutionListener;
import io.arbiter.journal.DurabilityPolicy;
import io.arbiter.journal.JournalContext;
import io.arbiter.journal.JournalReader;
import io.arbiter.journal.JournalWriter;
import io.arbiter.journal.Recovery;
import io.arbiter.journal.RecoveryResult;
import io.arbiter.journal.ScanResult;
import io.arbiter.journal.SnapshotWriter;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Journal measurements on one thread: append+commit throughput and commit latency per durability policy and batch
 * size, replay speed (scan only, and scan + decode + {@code MatchingEngine.onCommand}), and restart time from a
 * snapshot of a book with 1,000,000 resting orders. Runs in a temporary directory that it deletes. Produces garbage
 * between phases only.
 * <p>
 * Arguments (all optional): {@code --dir PATH} (parent of the temp directory, default the system temp dir),
 * {@code --seconds N} per throughput cell (default 3), {@code --replay N} commands (default 5,000,000),
 * {@code --resting N} orders (default 1,000,000), {@code --phases LIST} comma-separated subset of
 * {@code append,replay,restart,force} (default the first three), {@code --runs N} replay runs (default 5; also the
 * alternated rounds of {@code force}).
 * <p>
 * {@code force} (issue #14): commit latency under {@code batch} of 3 records at a time, one commit every 100 us (the
 * shape of 10 k orders/s), into a segment that grows with each write ({@code preallocateBytes 0}) and into one
 * preallocated with written zeros (the default step), alternated {@code --runs} times for {@code --seconds} each.
 */
public final class JournalBenchmark
{
    private static final int[] BATCHES = {1, 16, 256};
    private static final long INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private JournalBenchmark()
    {
    }

    /**
     * Run every measurement and print the results.
     *
     * @param args see the class comment.
     * @throws IOException if the temp directory cannot be used.
     */
    public static void main(final String[] args) throws IOException
    {
        Path parent = Paths.get(System.getProperty("java.io.tmpdir"));
        int seconds = 3;
        int replayCommands = 5_000_000;
        int resting = 1_000_000;
        String phases = "append,replay,restart";
        int runs = 5;
        for (int i = 0; i < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--dir" -> parent = Paths.get(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--replay" -> replayCommands = Integer.parseInt(args[i + 1]);
                case "--resting" -> resting = Integer.parseInt(args[i + 1]);
                case "--phases" -> phases = args[i + 1];
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(parent);
        final Path root = Files.createTempDirectory(parent, "arbiter-journal-bench");
        final PrintStream out = System.out;
        out.printf("journal benchmark in %s, JDK %s, %d cpus, max heap %d MB, load average %.1f%n", root,
            System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try
        {
            final List<String> wanted = List.of(phases.split(","));
            if (wanted.contains("append"))
            {
                appendCommit(root, seconds, out);
            }
            if (wanted.contains("replay"))
            {
                replay(root, replayCommands, runs, out);
            }
            if (wanted.contains("restart"))
            {
                restart(root, resting, out);
            }
            if (wanted.contains("force"))
            {
                force(root, seconds, runs, out);
            }
        }
        finally
        {
            delete(root);
        }
    }

    private static void appendCommit(final Path root, final int seconds, final PrintStream out)
    {
        out.println();
        out.println("append+commit (" + io.arbiter.journal.JournalDescriptor.COMMAND_RECORD_LENGTH +
            "-byte records, 256 MiB segments, interval = 10 ms)");
        out.printf("%-9s %6s %14s %12s %12s %12s %12s %8s%n",
            "policy", "batch", "commands/s", "commits/s", "commit p50", "commit p99", "commit max", "forces");
        final Command[] ring = new Command[4096];
        final OrderFlowGenerator generator = new OrderFlowGenerator(1, 1, 10_000, 200);
        for (int i = 0; i < ring.length; i++)
        {
            ring[i] = generator.nextBuild(new Command());
        }
        for (final DurabilityPolicy policy : DurabilityPolicy.values())
        {
            for (final int batch : BATCHES)
            {
                final Path dir = root.resolve("append-" + policy + "-" + batch);
                final JournalContext context = new JournalContext().dataDir(dir).durability(policy)
                    .forceIntervalNs(INTERVAL_NS);
                final Histogram commitNs = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
                long commands = 0;
                long commits = 0;
                final long forces;
                final long startNs = System.nanoTime();
                final long endNs = startNs + TimeUnit.SECONDS.toNanos(seconds);
                try (JournalWriter writer = new JournalWriter(context, 0))
                {
                    long nowNs = startNs;
                    while (nowNs < endNs)
                    {
                        for (int i = 0; i < batch; i++)
                        {
                            final Command command = ring[(int)(commands++ & (ring.length - 1))];
                            command.sequence(writer.lastSequence() + 1).timestampNs(nowNs);
                            writer.append(command);
                        }
                        final long beforeNs = System.nanoTime();
                        writer.commit(beforeNs);
                        nowNs = System.nanoTime();
                        commitNs.recordValue(nowNs - beforeNs);
                        commits++;
                    }
                    forces = writer.forceCount();
                }
                final double elapsedS = (System.nanoTime() - startNs) / 1e9;
                out.printf("%-9s %6d %14.0f %12.0f %10.1fus %10.1fus %10.1fus %8d%n",
                    policy.name().toLowerCase(), batch, commands / elapsedS, commits / elapsedS,
                    commitNs.getValueAtPercentile(50) / 1e3, commitNs.getValueAtPercentile(99) / 1e3,
                    commitNs.getMaxValue() / 1e3, forces);
                delete(dir);
            }
        }
    }

    private static void force(final Path root, final int seconds, final int runs, final PrintStream out)
    {
        out.println();
        out.println("batch commit (write + fdatasync) of 3 records every 100 us, growing vs preallocated segment");
        out.printf("%-5s %-22s %10s %12s %12s %12s %12s%n",
            "round", "segment", "commits", "commit p50", "commit p90", "commit p99", "commit max");
        final Command[] ring = new Command[4096];
        final OrderFlowGenerator generator = new OrderFlowGenerator(1, 1, 10_000, 200);
        for (int i = 0; i < ring.length; i++)
        {
            ring[i] = generator.nextBuild(new Command());
        }
        final long[] steps = {0, JournalContext.DEFAULT_PREALLOCATE_BYTES};
        for (int round = 1; round <= runs; round++)
        {
            for (final long step : steps)
            {
                final Path dir = root.resolve("force-" + round + "-" + step);
                final JournalContext context = new JournalContext().dataDir(dir).durability(DurabilityPolicy.BATCH)
                    .preallocateBytes(step);
                final Histogram commitNs = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
                long commands = 0;
                final long endNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                try (JournalWriter writer = new JournalWriter(context, 0))
                {
                    long nextNs = System.nanoTime();
                    while (nextNs < endNs)
                    {
                        while (System.nanoTime() < nextNs)
                        {
                            LockSupport.parkNanos(10_000);
                        }
                        for (int i = 0; i < 3; i++)
                        {
                            final Command command = ring[(int)(commands++ & (ring.length - 1))];
                            command.sequence(writer.lastSequence() + 1).timestampNs(nextNs);
                            writer.append(command);
                        }
                        final long beforeNs = System.nanoTime();
                        writer.commit(beforeNs);
                        final long afterNs = System.nanoTime();
                        commitNs.recordValue(afterNs - beforeNs);
                        nextNs = Math.max(nextNs + 100_000, afterNs);
                    }
                }
                out.printf("%-5d %-22s %10d %10.1fus %10.1fus %10.1fus %10.1fus%n", round,
                    step == 0 ? "growing" : "preallocated " + (step >> 10) + " KiB", commitNs.getTotalCount(),
                    commitNs.getValueAtPercentile(50) / 1e3, commitNs.getValueAtPercentile(90) / 1e3,
                    commitNs.getValueAtPercentile(99) / 1e3, commitNs.getMaxValue() / 1e3);
                delete(dir);
            }
        }
    }

    private static void replay(final Path root, final int count, final int runs, final PrintStream out)
    {
        final Path dir = root.resolve("replay");
        final JournalContext context = new JournalContext().dataDir(dir).durability(DurabilityPolicy.NONE);
        final int resting = 100_000;
        final OrderFlowGenerator generator = new OrderFlowGenerator(7, 1, resting, 1_000);
        final MatchingEngine live = newEngine(generator, generator.capacity(), generator);
        final Command command = new Command();
        long sequence = 0;
        try (JournalWriter writer = new JournalWriter(context, 0))
        {
            for (int i = 0; i < count; i++)
            {
                final Command next = i < resting ? generator.nextBuild(command) : generator.next(command);
                next.sequence(++sequence);
                writer.append(next);
                if ((i & 255) == 255)
                {
                    writer.commit(0);
                }
                live.onCommand(next);
            }
        }
        out.println();
        out.printf("replay of %,d commands (%,d-order build then the steady-state mix of EngineBenchmark), " +
            "files in the page cache%n", count, resting);

        out.println("rates per wall-clock second / per second of the replaying thread's CPU time; each replay " +
            "into a new engine whose pools a full collection has moved to the old generation; GC " +
            ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
        for (int run = 0; run < runs; run++)
        {
            final long[] sink = new long[1];
            final long scanCpu = THREADS.getCurrentThreadCpuTime();
            final long scanStart = System.nanoTime();
            final ScanResult scan = new JournalReader(dir, message -> { })
                .read(1, (c, clientOrderId, segment, position) -> sink[0] += c.orderId());
            final long scanNs = System.nanoTime() - scanStart;
            final long scanCpuNs = THREADS.getCurrentThreadCpuTime() - scanCpu;

            final MatchingEngine replayed = newEngine(generator, generator.capacity(), NoOpExecutionListener.INSTANCE);
            // Promote the new engine's pools to the old generation, where a server's engine is by the time it
            // replays: a collector's write barrier costs more there (G1), and leaving it to chance made runs bimodal.
            System.gc();
            final long replayCpu = THREADS.getCurrentThreadCpuTime();
            final RecoveryResult result = new Recovery(context).useSnapshots(false).recover(replayed);
            final long replayCpuNs = THREADS.getCurrentThreadCpuTime() - replayCpu;
            final boolean same = replayed.stateHash() == live.stateHash();
            out.printf("run %d: scan+checksum+decode %,.0f / %,.0f records/s; " +
                "full replay through the engine %,.0f / %,.0f commands/s (%d ms), state hash %s%n",
                run + 1, scan.recordsRead() * 1e9 / scanNs, scan.recordsRead() * 1e9 / scanCpuNs,
                result.replayedCount() * 1e9 / result.durationNs(), result.replayedCount() * 1e9 / replayCpuNs,
                result.durationNs() / 1_000_000, same ? "equal to the live engine" : "DIFFERENT from the live engine");
        }
        delete(dir);
    }

    private static void restart(final Path root, final int resting, final PrintStream out)
    {
        final Path dir = root.resolve("restart");
        final JournalContext context = new JournalContext().dataDir(dir).durability(DurabilityPolicy.BATCH);
        final OrderFlowGenerator generator = new OrderFlowGenerator(11, 1, resting, 1_000);
        final int poolSize = resting + resting / 10;
        final long liveHash = buildAndSnapshot(context, generator, resting, poolSize, out);
        out.println("each run starts from a collected heap, like a fresh process (the building engine is released);");
        out.println("wall = construction + load; CPU = the recovering thread only; run-queue wait = time it was " +
            "runnable but had no core (Linux schedstat; -1 if unavailable); GC = collection time of the JVM's " +
            "collectors during the run");
        for (int run = 0; run < 3; run++)
        {
            System.gc();
            final long gcBefore = gcMillis();
            final long waitBefore = runQueueWaitNs();
            final long startCpu = THREADS.getCurrentThreadCpuTime();
            final long start = System.nanoTime();
            final MatchingEngine restarted = newEngine(generator, poolSize, NoOpExecutionListener.INSTANCE);
            final long constructedNs = System.nanoTime() - start;
            final long constructedCpuNs = THREADS.getCurrentThreadCpuTime() - startCpu;
            final RecoveryResult result = new Recovery(context).recover(restarted);
            final long totalNs = System.nanoTime() - start;
            final long totalCpuNs = THREADS.getCurrentThreadCpuTime() - startCpu;
            final long waitNs = waitBefore < 0 ? -1_000_000 : runQueueWaitNs() - waitBefore;
            out.printf("run %d: engine construction (pools of %,d orders) %d ms (CPU %d ms) + snapshot load %d ms " +
                "= %d ms wall (thread CPU %d ms, run-queue wait %d ms, GC %d ms); %,d orders, state hash %s%n",
                run + 1, poolSize, constructedNs / 1_000_000, constructedCpuNs / 1_000_000,
                result.durationNs() / 1_000_000, totalNs / 1_000_000, totalCpuNs / 1_000_000, waitNs / 1_000_000,
                gcMillis() - gcBefore, restarted.openOrderCount(),
                restarted.stateHash() == liveHash ? "equal" : "DIFFERENT");
        }
        delete(dir);
    }

    private static long buildAndSnapshot(
        final JournalContext context,
        final OrderFlowGenerator generator,
        final int resting,
        final int poolSize,
        final PrintStream out)
    {
        final MatchingEngine live = newEngine(generator, poolSize, generator);
        final Command command = new Command();
        try (JournalWriter writer = new JournalWriter(context, 0))
        {
            for (int i = 1; live.openOrderCount() < resting; i++)
            {
                writer.append(generator.nextBuild(command).sequence(i));
                if ((i & 255) == 0)
                {
                    writer.commit(0);
                }
                live.onCommand(command);
            }
            writer.commit(0);
            final long snapshotStart = System.nanoTime();
            final Path snapshot = new SnapshotWriter(context).write(live, writer.lastSequence());
            final long snapshotNs = System.nanoTime() - snapshotStart;
            out.println();
            out.printf("restart with %,d resting orders: snapshot write %d ms, %,d bytes%n",
                live.openOrderCount(), snapshotNs / 1_000_000, size(snapshot));
        }
        return live.stateHash();
    }

    /**
     * @return nanoseconds the calling thread has spent runnable but waiting for a core (second field of Linux's
     *         /proc/thread-self/schedstat), or -1 where that file does not exist.
     */
    private static long runQueueWaitNs()
    {
        try
        {
            final String[] fields = Files.readString(Paths.get("/proc/thread-self/schedstat")).trim().split(" ");
            return Long.parseLong(fields[1]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }

    private static long gcMillis()
    {
        long total = 0;
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    private static MatchingEngine newEngine(
        final OrderFlowGenerator generator, final int orderPoolSize, final ExecutionListener listener)
    {
        final MatchingEngine engine = new MatchingEngine(
            new EngineContext().orderPoolSize(orderPoolSize).levelPoolSize(generator.maxLevelsPerBook() + 16),
            listener);
        generator.addInstruments(engine);
        return engine;
    }

    private static long size(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void delete(final Path dir)
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

}
