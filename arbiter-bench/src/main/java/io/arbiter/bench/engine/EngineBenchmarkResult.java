package io.arbiter.bench.engine;

import java.util.Locale;

/**
 * Figures of one {@link EngineBenchmark} run, with a JSON form and a human-readable table. Filled by the benchmark
 * thread, then read by anyone; not thread safe while being filled. Latencies are in nanoseconds.
 */
public final class EngineBenchmarkResult
{
    long seed;
    int instruments;
    int targetResting;
    int levelsPerBook;
    String priceIndex;
    String jvm;
    String gc;
    int processors;

    long buildCommands;
    long buildNanos;
    long warmupCommands;

    long throughputCommands;
    long throughputNanos;
    long throughputCpuNanos;

    long latencyCommands;
    long offeredRate;
    long latencyNanos;
    long p50Ns;
    long p99Ns;
    long p999Ns;
    long p9999Ns;
    long maxNs;
    long serviceP50Ns;
    long serviceP99Ns;
    long serviceP9999Ns;
    long serviceMaxNs;
    long floorP50Ns;
    long floorP99Ns;
    long floorP999Ns;
    long floorP9999Ns;
    long floorMaxNs;

    long measuredCommands;
    long allocatedBytes;

    long heapBeforeEngine;
    long heapEmptyEngine;
    long heapFullBook;
    int restingAtHeapMeasure;

    long commandsExecuted;
    long tradesMeasured;
    long tradesTotal;
    long rejectsTotal;
    int finalResting;
    int occupiedLevels;
    long poolGrowth;
    long stateHash;
    final long[] mix = new long[OrderFlowGenerator.KIND_COUNT];

    /**
     * @return commands per second in the throughput phase (includes the generator's work).
     */
    public double commandsPerSecond()
    {
        return throughputNanos == 0 ? 0 : throughputCommands * 1e9 / throughputNanos;
    }

    /**
     * @return commands per second of the benchmark thread's CPU time in the throughput phase: less sensitive than
     *         {@link #commandsPerSecond()} to other processes taking the core, not to their use of the caches.
     */
    public double commandsPerCpuSecond()
    {
        return throughputCpuNanos == 0 ? 0 : throughputCommands * 1e9 / throughputCpuNanos;
    }

    /**
     * @return bytes allocated on the benchmark thread per measured command (throughput and latency phases).
     */
    public double bytesPerCommand()
    {
        return measuredCommands == 0 ? 0 : (double)allocatedBytes / measuredCommands;
    }

    /**
     * @return bytes allocated on the benchmark thread over both measured phases.
     */
    public long allocatedBytes()
    {
        return allocatedBytes;
    }

    /**
     * @return used heap with the full book minus used heap before the engine existed, per resting order: the engine's
     *         whole footprint including preallocated pools and index capacity.
     */
    public double heapBytesPerRestingOrder()
    {
        return restingAtHeapMeasure == 0 ? 0 : (double)(heapFullBook - heapBeforeEngine) / restingAtHeapMeasure;
    }

    /**
     * @return used heap with the full book minus used heap of the empty (but preallocated) engine, per resting order.
     */
    public double incrementalHeapBytesPerRestingOrder()
    {
        return restingAtHeapMeasure == 0 ? 0 : (double)(heapFullBook - heapEmptyEngine) / restingAtHeapMeasure;
    }

    /**
     * @return latency percentile 50 at the offered rate, from the intended start, in ns.
     */
    public long p50Ns()
    {
        return p50Ns;
    }

    /**
     * @return latency percentile 99 at the offered rate, from the intended start, in ns.
     */
    public long p99Ns()
    {
        return p99Ns;
    }

    /**
     * @return latency percentile 99.99 at the offered rate, from the intended start, in ns.
     */
    public long p9999Ns()
    {
        return p9999Ns;
    }

    /**
     * @return platform floor percentile 99 (the paced loop with no engine call), in ns.
     */
    public long floorP99Ns()
    {
        return floorP99Ns;
    }

    /**
     * @return platform floor percentile 99.99 (the paced loop with no engine call), in ns.
     */
    public long floorP9999Ns()
    {
        return floorP9999Ns;
    }

    /**
     * @return state hash of the engine after the run.
     */
    public long stateHash()
    {
        return stateHash;
    }

    /**
     * @return resting orders after the run.
     */
    public int finalResting()
    {
        return finalResting;
    }

    /**
     * @return orders and levels the engine allocated beyond its pools.
     */
    public long poolGrowth()
    {
        return poolGrowth;
    }

    /**
     * Produces garbage.
     *
     * @return the figures as one JSON object.
     */
    public String toJson()
    {
        final StringBuilder b = new StringBuilder(2048);
        b.append("{\n");
        field(b, "benchmark", "engine");
        field(b, "seed", seed);
        field(b, "instruments", instruments);
        field(b, "targetResting", targetResting);
        field(b, "levelsPerBook", levelsPerBook);
        field(b, "priceIndex", priceIndex);
        field(b, "jvm", jvm);
        field(b, "gc", gc);
        field(b, "processors", processors);
        field(b, "buildCommands", buildCommands);
        field(b, "buildNanos", buildNanos);
        field(b, "warmupCommands", warmupCommands);
        field(b, "throughputCommands", throughputCommands);
        field(b, "throughputNanos", throughputNanos);
        field(b, "commandsPerSecond", Math.round(commandsPerSecond()));
        field(b, "throughputCpuNanos", throughputCpuNanos);
        field(b, "commandsPerCpuSecond", Math.round(commandsPerCpuSecond()));
        field(b, "latencyCommands", latencyCommands);
        field(b, "offeredRate", offeredRate);
        field(b, "achievedRate", latencyNanos == 0 ? 0 : Math.round(latencyCommands * 1e9 / latencyNanos));
        field(b, "latencyP50Ns", p50Ns);
        field(b, "latencyP99Ns", p99Ns);
        field(b, "latencyP999Ns", p999Ns);
        field(b, "latencyP9999Ns", p9999Ns);
        field(b, "latencyMaxNs", maxNs);
        field(b, "serviceP50Ns", serviceP50Ns);
        field(b, "serviceP99Ns", serviceP99Ns);
        field(b, "serviceP9999Ns", serviceP9999Ns);
        field(b, "serviceMaxNs", serviceMaxNs);
        field(b, "floorP50Ns", floorP50Ns);
        field(b, "floorP99Ns", floorP99Ns);
        field(b, "floorP999Ns", floorP999Ns);
        field(b, "floorP9999Ns", floorP9999Ns);
        field(b, "floorMaxNs", floorMaxNs);
        field(b, "measuredCommands", measuredCommands);
        field(b, "allocatedBytes", allocatedBytes);
        b.append("  \"bytesPerCommand\": ").append(String.format(Locale.ROOT, "%.4f", bytesPerCommand())).append(",\n");
        field(b, "heapBeforeEngine", heapBeforeEngine);
        field(b, "heapEmptyEngine", heapEmptyEngine);
        field(b, "heapFullBook", heapFullBook);
        field(b, "restingAtHeapMeasure", restingAtHeapMeasure);
        b.append("  \"heapBytesPerRestingOrder\": ")
            .append(String.format(Locale.ROOT, "%.1f", heapBytesPerRestingOrder())).append(",\n");
        b.append("  \"incrementalHeapBytesPerRestingOrder\": ")
            .append(String.format(Locale.ROOT, "%.1f", incrementalHeapBytesPerRestingOrder())).append(",\n");
        field(b, "commandsExecuted", commandsExecuted);
        field(b, "tradesMeasured", tradesMeasured);
        field(b, "tradesTotal", tradesTotal);
        field(b, "rejectsTotal", rejectsTotal);
        field(b, "finalResting", finalResting);
        field(b, "occupiedLevels", occupiedLevels);
        field(b, "poolGrowth", poolGrowth);
        field(b, "mixGtc", mix[OrderFlowGenerator.KIND_GTC]);
        field(b, "mixIoc", mix[OrderFlowGenerator.KIND_IOC]);
        field(b, "mixMarket", mix[OrderFlowGenerator.KIND_MARKET]);
        field(b, "mixCancel", mix[OrderFlowGenerator.KIND_CANCEL]);
        field(b, "mixReplace", mix[OrderFlowGenerator.KIND_REPLACE]);
        b.append("  \"stateHash\": \"").append(String.format("%016x", stateHash)).append("\"\n}\n");
        return b.toString();
    }

    /**
     * Produces garbage.
     *
     * @return a table of the figures against the targets, for people.
     */
    public String summary()
    {
        final StringBuilder b = new StringBuilder(2048);
        b.append(String.format(Locale.ROOT,
            "Engine benchmark: seed %d, %d instrument(s), %,d resting target, %d levels/book, index %s%n",
            seed, instruments, targetResting, levelsPerBook, priceIndex));
        b.append(String.format(Locale.ROOT, "JVM %s, GC %s, %d processors%n", jvm, gc, processors));
        b.append(String.format(Locale.ROOT, "%-40s %18s %14s%n", "figure", "measured", "target"));
        row(b, "throughput (commands/s)", String.format(Locale.ROOT, "%,.0f", commandsPerSecond()), ">= 8,000,000");
        row(b, "throughput (commands/CPU-second)", String.format(Locale.ROOT, "%,.0f", commandsPerCpuSecond()), "");
        row(b, "offered rate (commands/s)", String.format(Locale.ROOT, "%,d", offeredRate), "");
        b.append(String.format(Locale.ROOT, "%-40s %18s %14s%n", "latency at the offered rate (us)", "engine / floor",
            ""));
        row(b, "  p50", micros(p50Ns) + " / " + micros(floorP50Ns), "");
        row(b, "  p99", micros(p99Ns) + " / " + micros(floorP99Ns), "<= 2");
        row(b, "  p99.9", micros(p999Ns) + " / " + micros(floorP999Ns), "");
        row(b, "  p99.99", micros(p9999Ns) + " / " + micros(floorP9999Ns), "<= 15");
        row(b, "  max", micros(maxNs) + " / " + micros(floorMaxNs), "");
        row(b, "service time p50 / p99.99 (us)", micros(serviceP50Ns) + " / " + micros(serviceP9999Ns), "");
        row(b, "allocated bytes / command", String.format(Locale.ROOT, "%.4f", bytesPerCommand()), "0");
        row(b, "heap bytes / resting order (total)",
            String.format(Locale.ROOT, "%.1f", heapBytesPerRestingOrder()), "<= 64");
        row(b, "heap bytes / resting order (incremental)",
            String.format(Locale.ROOT, "%.1f", incrementalHeapBytesPerRestingOrder()), "");
        row(b, "commands executed (build+warmup+measured)", String.format(Locale.ROOT, "%,d", commandsExecuted), "");
        row(b, "trades (measured / total)", String.format(Locale.ROOT, "%,d / %,d", tradesMeasured, tradesTotal), "");
        row(b, "rejects (late cancels)", String.format(Locale.ROOT, "%,d", rejectsTotal), "");
        row(b, "resting orders at end", String.format(Locale.ROOT, "%,d", finalResting), "");
        row(b, "occupied price levels at end", String.format(Locale.ROOT, "%,d", occupiedLevels), "");
        row(b, "pool growth", Long.toString(poolGrowth), "0");
        row(b, "state hash", String.format("%016x", stateHash), "");
        return b.toString();
    }

    private static String micros(final long nanos)
    {
        return String.format(Locale.ROOT, "%.2f", nanos / 1000.0);
    }

    private static void row(final StringBuilder b, final String name, final String value, final String target)
    {
        b.append(String.format(Locale.ROOT, "%-40s %18s %14s%n", name, value, target));
    }

    private static void field(final StringBuilder b, final String name, final long value)
    {
        b.append("  \"").append(name).append("\": ").append(value).append(",\n");
    }

    private static void field(final StringBuilder b, final String name, final String value)
    {
        b.append("  \"").append(name).append("\": \"");
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\')
            {
                b.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                b.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                b.append(c);
            }
        }
        b.append("\",\n");
    }
}
