package io.arbiter.bench.engine;

import io.arbiter.bench.report.BenchJson;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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
    String mixName = OrderFlowGenerator.MIX_PLAIN;
    int lookAhead;
    boolean bookUpdates;
    boolean risk;
    long fundedBalances;
    long heapBalances;
    long levelChanges;
    String jvm;
    String gc;
    int processors;

    long buildCommands;
    long buildNanos;
    long warmupCommands;

    long throughputCommands;
    long throughputNanos;
    long throughputCpuNanos;

    long floorCommands;
    long floorNanos;
    long floorCpuNanos;
    long chainedFloorNanos;
    long chainedFloorCpuNanos;
    long floorTouches;
    long floorLines;
    long floorSink;

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
    int extrasInUse;
    int holdsInUse;
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
     * @return commands per second of the machine floor (the throughput tape's unavoidable memory touches alone), or 0
     *         if it was not measured.
     */
    public double floorCommandsPerSecond()
    {
        return floorNanos == 0 ? 0 : floorCommands * 1e9 / floorNanos;
    }

    /**
     * @return commands per second of the benchmark thread's CPU time for the machine floor, or 0.
     */
    public double floorCommandsPerCpuSecond()
    {
        return floorCpuNanos == 0 ? 0 : floorCommands * 1e9 / floorCpuNanos;
    }

    /**
     * @return commands per second of the benchmark thread's CPU time for the machine floor with every touch waiting
     *         for the one before, or 0.
     */
    public double chainedFloorCommandsPerCpuSecond()
    {
        return chainedFloorCpuNanos == 0 ? 0 : floorCommands * 1e9 / chainedFloorCpuNanos;
    }

    /**
     * @return the engine's throughput over the machine floor's (1 would be the floor itself), by CPU time, or 0.
     */
    public double engineOverFloor()
    {
        return floorCpuNanos == 0 || throughputCpuNanos == 0 ? 0 : commandsPerCpuSecond() / floorCommandsPerCpuSecond();
    }

    /**
     * @return the engine's throughput over the chained machine floor's, by CPU time, or 0.
     */
    public double engineOverChainedFloor()
    {
        return chainedFloorCpuNanos == 0 || throughputCpuNanos == 0 ? 0 :
            commandsPerCpuSecond() / chainedFloorCommandsPerCpuSecond();
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
     * @return with risk, the heap the funded balances took, per (account, asset) balance; 0 without risk.
     */
    public double heapBytesPerBalance()
    {
        return fundedBalances == 0 ? 0 : (double)heapBalances / fundedBalances;
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
        final Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("benchmark", "engine");
        figures.put("seed", seed);
        figures.put("instruments", instruments);
        figures.put("targetResting", targetResting);
        figures.put("levelsPerBook", levelsPerBook);
        figures.put("priceIndex", priceIndex);
        figures.put("bookUpdates", bookUpdates);
        figures.put("mix", mixName);
        figures.put("lookAhead", lookAhead);
        figures.put("levelChanges", levelChanges);
        figures.put("risk", risk);
        figures.put("fundedBalances", fundedBalances);
        figures.put("heapBytesPerBalance", BenchJson.decimal(heapBytesPerBalance(), 1));
        figures.put("jvm", jvm);
        figures.put("gc", gc);
        figures.put("processors", processors);
        figures.put("buildCommands", buildCommands);
        figures.put("buildNanos", buildNanos);
        figures.put("warmupCommands", warmupCommands);
        figures.put("throughputCommands", throughputCommands);
        figures.put("throughputNanos", throughputNanos);
        figures.put("commandsPerSecond", Math.round(commandsPerSecond()));
        figures.put("throughputCpuNanos", throughputCpuNanos);
        figures.put("commandsPerCpuSecond", Math.round(commandsPerCpuSecond()));
        figures.put("floorCommands", floorCommands);
        figures.put("floorNanos", floorNanos);
        figures.put("floorCommandsPerSecond", Math.round(floorCommandsPerSecond()));
        figures.put("floorCpuNanos", floorCpuNanos);
        figures.put("floorCommandsPerCpuSecond", Math.round(floorCommandsPerCpuSecond()));
        figures.put("chainedFloorNanos", chainedFloorNanos);
        figures.put("chainedFloorCpuNanos", chainedFloorCpuNanos);
        figures.put("chainedFloorCommandsPerCpuSecond", Math.round(chainedFloorCommandsPerCpuSecond()));
        figures.put("engineOverChainedFloor", BenchJson.decimal(engineOverChainedFloor(), 3));
        figures.put("floorTouches", floorTouches);
        figures.put("floorLines", floorLines);
        figures.put("engineOverFloor", BenchJson.decimal(engineOverFloor(), 3));
        figures.put("latencyCommands", latencyCommands);
        figures.put("offeredRate", offeredRate);
        figures.put("achievedRate", latencyNanos == 0 ? 0 : Math.round(latencyCommands * 1e9 / latencyNanos));
        figures.put("latencyP50Ns", p50Ns);
        figures.put("latencyP99Ns", p99Ns);
        figures.put("latencyP999Ns", p999Ns);
        figures.put("latencyP9999Ns", p9999Ns);
        figures.put("latencyMaxNs", maxNs);
        figures.put("serviceP50Ns", serviceP50Ns);
        figures.put("serviceP99Ns", serviceP99Ns);
        figures.put("serviceP9999Ns", serviceP9999Ns);
        figures.put("serviceMaxNs", serviceMaxNs);
        figures.put("floorP50Ns", floorP50Ns);
        figures.put("floorP99Ns", floorP99Ns);
        figures.put("floorP999Ns", floorP999Ns);
        figures.put("floorP9999Ns", floorP9999Ns);
        figures.put("floorMaxNs", floorMaxNs);
        figures.put("measuredCommands", measuredCommands);
        figures.put("allocatedBytes", allocatedBytes);
        figures.put("bytesPerCommand", BenchJson.decimal(bytesPerCommand(), 4));
        figures.put("heapBeforeEngine", heapBeforeEngine);
        figures.put("heapEmptyEngine", heapEmptyEngine);
        figures.put("heapFullBook", heapFullBook);
        figures.put("restingAtHeapMeasure", restingAtHeapMeasure);
        figures.put("heapBytesPerRestingOrder", BenchJson.decimal(heapBytesPerRestingOrder(), 1));
        figures.put("incrementalHeapBytesPerRestingOrder", BenchJson.decimal(incrementalHeapBytesPerRestingOrder(), 1));
        figures.put("commandsExecuted", commandsExecuted);
        figures.put("tradesMeasured", tradesMeasured);
        figures.put("tradesTotal", tradesTotal);
        figures.put("rejectsTotal", rejectsTotal);
        figures.put("finalResting", finalResting);
        figures.put("extrasInUse", extrasInUse);
        figures.put("holdsInUse", holdsInUse);
        figures.put("occupiedLevels", occupiedLevels);
        figures.put("poolGrowth", poolGrowth);
        figures.put("mixGtc", mix[OrderFlowGenerator.KIND_GTC]);
        figures.put("mixIoc", mix[OrderFlowGenerator.KIND_IOC]);
        figures.put("mixMarket", mix[OrderFlowGenerator.KIND_MARKET]);
        figures.put("mixCancel", mix[OrderFlowGenerator.KIND_CANCEL]);
        figures.put("mixReplace", mix[OrderFlowGenerator.KIND_REPLACE]);
        figures.put("mixStop", mix[OrderFlowGenerator.KIND_STOP]);
        figures.put("mixIceberg", mix[OrderFlowGenerator.KIND_ICEBERG]);
        figures.put("stateHash", String.format("%016x", stateHash));
        return BenchJson.write(figures);
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
            "Engine benchmark: seed %d, %d instrument(s), %,d resting target, %d levels/book, index %s, mix %s, " +
                "look-ahead %s%s%n",
            seed, instruments, targetResting, levelsPerBook, priceIndex, mixName,
            lookAhead == 0 ? "off" : "in groups of " + lookAhead + " commands",
            bookUpdates ? String.format(Locale.ROOT, ", book updates on (%,d level changes reported)", levelChanges)
                : ""));
        if (risk)
        {
            b.append(String.format(Locale.ROOT,
                "Spot risk on every instrument: %,d funded balances (%,d accounts), fees %d/%d bps%n",
                fundedBalances, OrderFlowGenerator.ACCOUNTS, OrderFlowGenerator.RISK_MAKER_BPS,
                OrderFlowGenerator.RISK_TAKER_BPS));
        }
        b.append(String.format(Locale.ROOT, "JVM %s, GC %s, %d processors%n", jvm, gc, processors));
        b.append(String.format(Locale.ROOT, "%-40s %18s %14s%n", "figure", "measured", "target"));
        row(b, "throughput (commands/s)", String.format(Locale.ROOT, "%,.0f", commandsPerSecond()), ">= 8,000,000");
        row(b, "throughput (commands/CPU-second)", String.format(Locale.ROOT, "%,.0f", commandsPerCpuSecond()), "");
        if (floorCommands != 0)
        {
            row(b, "machine floor, overlapped (commands/s, wall / CPU)", String.format(Locale.ROOT, "%,.0f / %,.0f",
                floorCommandsPerSecond(), floorCommandsPerCpuSecond()), "");
            row(b, "machine floor, chained (commands/CPU-second)",
                String.format(Locale.ROOT, "%,.0f", chainedFloorCommandsPerCpuSecond()), "");
            row(b, "  touches / possibly cold lines per command", String.format(Locale.ROOT, "%.2f / %.2f",
                (double)floorTouches / floorCommands, (double)floorLines / floorCommands), "");
            row(b, "  engine / floor, overlapped / chained (CPU)", String.format(Locale.ROOT, "%.3f / %.3f",
                engineOverFloor(), engineOverChainedFloor()), "");
        }
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
        if (risk)
        {
            row(b, "heap bytes / account and asset", String.format(Locale.ROOT, "%.1f", heapBytesPerBalance()), "");
        }
        row(b, "commands executed (build+warmup+measured)", String.format(Locale.ROOT, "%,d", commandsExecuted), "");
        row(b, "trades (measured / total)", String.format(Locale.ROOT, "%,d / %,d", tradesMeasured, tradesTotal), "");
        row(b, "rejects (late cancels)", String.format(Locale.ROOT, "%,d", rejectsTotal), "");
        row(b, "resting orders at end", String.format(Locale.ROOT, "%,d", finalResting), "");
        row(b, "  with optional fields / with holds",
            String.format(Locale.ROOT, "%,d / %,d", extrasInUse, holdsInUse), "");
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
}
