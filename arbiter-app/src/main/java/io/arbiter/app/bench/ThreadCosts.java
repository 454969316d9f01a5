package io.arbiter.app.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time and allocated bytes of every live thread of this JVM at one moment, keyed by where the thread belongs
 * (the in-process node's thread group, or the load generator: every other thread) and its name with digits left out
 * ({@code NioProcessor-3} and {@code NioProcessor-4} are one row), for {@code arbiter bench fix}: the difference of two
 * snapshots, divided by the requests sent in between, is each thread's cost per request. Threads that ended in between
 * are missing; the JVM's own threads (GC, JIT compiler) are not Java threads and are not counted. Immutable; control
 * plane, produces garbage.
 */
final class ThreadCosts
{
    /** Where a thread of the node belongs: the node's FIX acceptor, its matching thread, or the rest of it. */
    static final String NODE_FIX = "node FIX";
    static final String NODE_MATCHING = "node matching";
    static final String NODE_OTHER = "node other";
    static final String LOAD_GENERATOR = "load generator";

    private static final String MATCHING_THREAD = "arbiter-matching";

    /** [cpu ns, allocated bytes] by "group\tthread". */
    private final Map<String, long[]> byThread;

    private ThreadCosts(final Map<String, long[]> byThread)
    {
        this.byThread = byThread;
    }

    /**
     * Read every live thread's clocks now.
     *
     * @param nodeGroup the thread group the node was started in (its threads and theirs belong to it).
     * @return the snapshot.
     */
    static ThreadCosts now(final ThreadGroup nodeGroup)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final Map<String, long[]> byThread = new TreeMap<>();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            final long cpuNs = threads.getThreadCpuTime(thread.getId());
            final long allocated = threads.getThreadAllocatedBytes(thread.getId());
            if (cpuNs < 0 && allocated < 0)
            {
                continue;
            }
            final String name = thread.getName().replaceAll("[0-9]+", "N");
            final long[] sums = byThread.computeIfAbsent(group(thread, name, nodeGroup) + "\t" + name,
                key -> new long[2]);
            sums[0] += Math.max(0, cpuNs);
            sums[1] += Math.max(0, allocated);
        }
        return new ThreadCosts(byThread);
    }

    private static String group(final Thread thread, final String name, final ThreadGroup nodeGroup)
    {
        ThreadGroup group = thread.getThreadGroup();
        while (group != null && group != nodeGroup)
        {
            group = group.getParent();
        }
        if (group == null)
        {
            return LOAD_GENERATOR;
        }
        if (name.startsWith(MATCHING_THREAD))
        {
            return NODE_MATCHING;
        }
        // the node's own threads are named arbiter-*; QuickFIX/J's (session dispatchers, timer), MINA's socket
        // processors and the FIX market-data feed client's event loop are not, and arbiter-fix-reports is the FIX one
        return name.startsWith("arbiter-") && !name.startsWith("arbiter-fix") ? NODE_OTHER : NODE_FIX;
    }

    /**
     * Costs per request since an earlier snapshot: one row per thread (threads with neither CPU nor allocation left
     * out, the matching thread always kept), then one per group ({@link #NODE_FIX}, {@link #NODE_MATCHING},
     * {@link #NODE_OTHER}, {@link #LOAD_GENERATOR}) under the key {@code "<group>\ttotal"}.
     *
     * @param earlier  the snapshot at the start of the measured part.
     * @param requests requests sent in between (at least 1).
     * @param messages protocol messages in and out in between, or 0 when not counted.
     * @return rows of cpu_us_per_request, bytes_per_request, bytes_per_message (when messages > 0), cpu_ms and bytes.
     */
    Map<String, Map<String, Object>> since(final ThreadCosts earlier, final long requests, final double messages)
    {
        final Map<String, long[]> threads = new TreeMap<>();
        final Map<String, long[]> groups = new LinkedHashMap<>();
        for (final String group : new String[] {NODE_FIX, NODE_MATCHING, NODE_OTHER, LOAD_GENERATOR})
        {
            groups.put(group + "\ttotal", new long[2]);
        }
        for (final Map.Entry<String, long[]> entry : byThread.entrySet())
        {
            final long[] before = earlier.byThread.getOrDefault(entry.getKey(), new long[2]);
            final long[] delta = {Math.max(0, entry.getValue()[0] - before[0]),
                Math.max(0, entry.getValue()[1] - before[1])};
            final String group = entry.getKey().substring(0, entry.getKey().indexOf('\t'));
            if (delta[0] > 0 || delta[1] > 0 || group.equals(NODE_MATCHING))
            {
                threads.put(entry.getKey(), delta);
            }
            final long[] total = groups.get(group + "\ttotal");
            total[0] += delta[0];
            total[1] += delta[1];
        }
        final Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        threads.forEach((key, delta) -> rows.put(key, row(delta, requests, messages)));
        groups.forEach((key, delta) -> rows.put(key, row(delta, requests, messages)));
        return rows;
    }

    private static Map<String, Object> row(final long[] delta, final long requests, final double messages)
    {
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("cpu_ms", delta[0] / 1e6);
        row.put("bytes", delta[1]);
        row.put("cpu_us_per_request", delta[0] / 1e3 / requests);
        row.put("bytes_per_request", delta[1] / (double)requests);
        if (messages > 0)
        {
            row.put("bytes_per_message", delta[1] / messages);
        }
        return row;
    }
}
