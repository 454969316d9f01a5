package io.arbiter.loadgen;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What this JVM spent on itself over a period: time in the JIT compilers and in garbage collections. A benchmark
 * step measured while the compilers are still busy measures a machine whose CPUs they share (on two cores, 2,000
 * connections at 20 k/s read 0.2 ms or 20–80 ms ack p50 depending on nothing else; docs/benchmarks.md), so each
 * step reports this beside its figures and says when the period was not warmed up. Produces garbage (one object per
 * reading).
 */
public final class JvmActivity
{
    /**
     * A measured period whose compile time exceeds this share of its wall time is reported as not warmed up: a quarter
     * of one compiler thread. Measured on the two-core machine (2,000 connections at 20 k/s): a 3 s warm-up left the
     * compilers busy 66–105 % of the measured 5 s, and the ack p50 was 0.36–67 ms; a 15 s warm-up left 8–16 %, and
     * the p50 was 0.20–0.21 ms every time.
     */
    public static final double WARM_COMPILE_SHARE = 0.25;

    private final long wallNs;
    private final long compileMs;
    private final long gcCount;
    private final long gcMs;

    /**
     * @param wallNs    wall time (a {@link System#nanoTime()} reading, or the length of a period).
     * @param compileMs compile time, -1 if unknown.
     * @param gcCount   collections.
     * @param gcMs      collection time.
     */
    JvmActivity(final long wallNs, final long compileMs, final long gcCount, final long gcMs)
    {
        this.wallNs = wallNs;
        this.compileMs = compileMs;
        this.gcCount = gcCount;
        this.gcMs = gcMs;
    }

    /**
     * @return the JVM's totals so far (compile time is -1 where the JVM does not monitor it).
     */
    public static JvmActivity now()
    {
        final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        final long compileMs = compiler != null && compiler.isCompilationTimeMonitoringSupported() ?
            compiler.getTotalCompilationTime() : -1;
        long count = 0;
        long timeMs = 0;
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, collector.getCollectionCount());
            timeMs += Math.max(0, collector.getCollectionTime());
        }
        return new JvmActivity(System.nanoTime(), compileMs, count, timeMs);
    }

    /**
     * @param earlier a reading taken before this one.
     * @return the activity between the two readings.
     */
    public JvmActivity since(final JvmActivity earlier)
    {
        return new JvmActivity(wallNs - earlier.wallNs,
            compileMs < 0 || earlier.compileMs < 0 ? -1 : compileMs - earlier.compileMs,
            gcCount - earlier.gcCount, gcMs - earlier.gcMs);
    }

    /**
     * @return milliseconds the JIT compilers spent compiling in the period (summed over compiler threads; -1 unknown).
     */
    public long compileMs()
    {
        return compileMs;
    }

    /**
     * @return garbage collections in the period.
     */
    public long gcCount()
    {
        return gcCount;
    }

    /**
     * @return milliseconds of garbage collection in the period (as the collectors account it).
     */
    public long gcMs()
    {
        return gcMs;
    }

    /**
     * @return compile time as a share of the period's wall time (0 when unknown or the period is empty).
     */
    public double compileShare()
    {
        return compileMs <= 0 || wallNs <= 0 ? 0 : compileMs * 1e6 / wallNs;
    }

    /**
     * @return true unless the compilers were busy for more than {@link #WARM_COMPILE_SHARE} of the period.
     */
    public boolean warm()
    {
        return compileShare() <= WARM_COMPILE_SHARE;
    }

    /**
     * @return one line, e.g. {@code JIT compiling 240 ms (4.8% of 5.0 s), GC 2 collections 31 ms}, with a warning
     *         when the period was not warmed up.
     */
    public String line()
    {
        return String.format(Locale.ROOT, "JIT compiling %s (%.1f%% of %.1f s), GC %d collections %d ms%s",
            compileMs < 0 ? "unknown" : compileMs + " ms", 100 * compileShare(), wallNs / 1e9, gcCount, gcMs,
            warm() ? "" : String.format(Locale.ROOT,
                ": NOT WARMED UP (compiling above %.0f%% of the time); a longer --warmup gives figures of the " +
                "compiled code", 100 * WARM_COMPILE_SHARE));
    }

    /**
     * Produces garbage.
     *
     * @return the figures for a JSON report.
     */
    public Map<String, Object> describe()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("wall_ms", wallNs / 1_000_000);
        map.put("jit_compile_ms", compileMs);
        map.put("gc_collections", gcCount);
        map.put("gc_ms", gcMs);
        map.put("warm", warm());
        return map;
    }
}
