package io.arbiter.loadgen;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of this JVM between two snapshots, split by thread name into the in-process node ({@code arbiter-matching},
 * {@code arbiter-io-*}, the market-data feed's {@code arbiter-marketdata} and {@code arbiter-md-io-*}, the journal
 * writer, the tracing thread and the FIX report thread: their idle wake-ups are the node's CPU too), the load
 * generator's client event loops ({@code arbiter-client-*}) and the rest of the process (GC, JIT, timers, the caller's
 * own thread), and by role ({@link #roleMicrosPerRequest(long)}). Kernel time of a system call counts for the thread
 * that made it, so loopback TCP costs show up on the sending and receiving threads. Immutable; snapshots are taken by
 * the load generator's main thread around the measured period.
 */
public final class CpuSplit
{
    private static final String[] NODE_PREFIXES = {"arbiter-matching", "arbiter-io", "arbiter-marketdata",
        "arbiter-md-io", "arbiter-journal", "arbiter-tracing", "arbiter-fix-reports"};
    private static final String CLIENT_PREFIX = "arbiter-client";
    /** Thread name prefixes of the roles of {@link #roleMicrosPerRequest(long)}, the most specific first. */
    private static final String[] ROLE_PREFIXES = {"arbiter-matching", "arbiter-marketdata", "arbiter-md-io",
        "arbiter-io", "arbiter-journal", "arbiter-tracing", "arbiter-fix-reports", "arbiter-client-md",
        "arbiter-client"};
    /** Names of the roles, in the order of {@link #ROLE_PREFIXES}. */
    private static final String[] ROLE_NAMES = {"matching", "feed_thread", "feed_event_loops", "order_event_loops",
        "journal", "tracing", "fix_reports", "loadgen_subscribers", "loadgen_orders"};

    private final long wallNs;
    private final long processNs;
    private final long nodeNs;
    private final long clientNs;
    private final long[] roleNs;

    private CpuSplit(final long wallNs, final long processNs, final long nodeNs, final long clientNs,
        final long[] roleNs)
    {
        this.wallNs = wallNs;
        this.processNs = processNs;
        this.nodeNs = nodeNs;
        this.clientNs = clientNs;
        this.roleNs = roleNs;
    }

    /**
     * Reads the clocks now.
     *
     * @return a snapshot; {@link #since(CpuSplit)} turns two into a difference.
     */
    public static CpuSplit now()
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long node = 0;
        long client = 0;
        final long[] roles = new long[ROLE_PREFIXES.length];
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds()))
        {
            if (info == null)
            {
                continue;
            }
            final String name = info.getThreadName();
            final long cpuNs = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            for (int role = 0; role < ROLE_PREFIXES.length; role++)
            {
                if (name.startsWith(ROLE_PREFIXES[role]))
                {
                    roles[role] += cpuNs;
                    break;
                }
            }
            if (isClient(name))
            {
                client += cpuNs;
            }
            else if (isNode(name))
            {
                node += cpuNs;
            }
        }
        return new CpuSplit(System.nanoTime(), processCpuNs(), node, client, roles);
    }

    static boolean isClient(final String threadName)
    {
        return threadName.startsWith(CLIENT_PREFIX);
    }

    static boolean isNode(final String threadName)
    {
        for (final String prefix : NODE_PREFIXES)
        {
            if (threadName.startsWith(prefix))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The difference from an earlier snapshot. Threads that ended in between are missing from the per-thread
     * figures (their CPU stays in the process total, so it lands in "other").
     *
     * @param earlier the earlier snapshot.
     * @return wall and CPU time elapsed between the two.
     */
    public CpuSplit since(final CpuSplit earlier)
    {
        final long[] roles = new long[roleNs.length];
        for (int role = 0; role < roles.length; role++)
        {
            roles[role] = Math.max(0, roleNs[role] - earlier.roleNs[role]);
        }
        return new CpuSplit(wallNs - earlier.wallNs, processNs - earlier.processNs,
            Math.max(0, nodeNs - earlier.nodeNs), Math.max(0, clientNs - earlier.clientNs), roles);
    }

    /**
     * @return cores busy on average: process CPU over wall time.
     */
    public double cores()
    {
        return wallNs > 0 ? (double)processNs / wallNs : 0;
    }

    /**
     * @param requests requests sent in the period.
     * @return node CPU per request in µs, or NaN without requests.
     */
    public double nodeMicrosPerRequest(final long requests)
    {
        return perRequest(nodeNs, requests);
    }

    /**
     * @param requests requests sent in the period.
     * @return load generator CPU per request in µs, or NaN without requests.
     */
    public double clientMicrosPerRequest(final long requests)
    {
        return perRequest(clientNs, requests);
    }

    /**
     * @param requests requests sent in the period.
     * @return whole-process CPU per request in µs, or NaN without requests.
     */
    public double processMicrosPerRequest(final long requests)
    {
        return perRequest(processNs, requests);
    }

    /**
     * CPU per request of each thread role: the matching thread ({@code arbiter-matching}), the market-data feed thread
     * ({@code arbiter-marketdata}), the feed's event loops ({@code arbiter-md-io}), the order gateway's event loops
     * ({@code arbiter-io}), the journal, the load generator's market-data subscribers ({@code arbiter-client-md}) and
     * its order connections ({@code arbiter-client}), then the rest of the process ({@code other}: GC, JIT, timers).
     * µs per request is the same figure as ms per 1,000 requests.
     *
     * @param requests requests sent in the period.
     * @return role name to µs per request (null without requests), in that order.
     */
    public Map<String, Double> roleMicrosPerRequest(final long requests)
    {
        final Map<String, Double> map = new LinkedHashMap<>();
        long named = 0;
        for (int role = 0; role < roleNs.length; role++)
        {
            map.put(ROLE_NAMES[role], round(perRequest(roleNs[role], requests)));
            named += roleNs[role];
        }
        map.put("other", round(perRequest(Math.max(0, processNs - named), requests)));
        return map;
    }

    /**
     * @param requests requests sent in the period.
     * @return the figures as ordered name/value pairs (seconds and µs per request).
     */
    public Map<String, Object> describe(final long requests)
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("wall_s", round(wallNs / 1e9));
        map.put("process_cpu_s", round(processNs / 1e9));
        map.put("node_cpu_s", round(nodeNs / 1e9));
        map.put("load_generator_cpu_s", round(clientNs / 1e9));
        map.put("other_cpu_s", round(Math.max(0, processNs - nodeNs - clientNs) / 1e9));
        map.put("cores_busy", round(cores()));
        map.put("requests", requests);
        map.put("node_us_per_request", round(nodeMicrosPerRequest(requests)));
        map.put("load_generator_us_per_request", round(clientMicrosPerRequest(requests)));
        map.put("process_us_per_request", round(processMicrosPerRequest(requests)));
        map.put("us_per_request_by_thread", roleMicrosPerRequest(requests));
        return map;
    }

    private static double perRequest(final long ns, final long requests)
    {
        return requests > 0 ? ns / 1e3 / requests : Double.NaN;
    }

    private static Double round(final double value)
    {
        return Double.isNaN(value) ? null : Double.valueOf(String.format(Locale.ROOT, "%.3f", value));
    }

    private static long processCpuNs()
    {
        final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean)
        {
            return Math.max(0, ((com.sun.management.OperatingSystemMXBean)os).getProcessCpuTime());
        }
        return 0;
    }
}
