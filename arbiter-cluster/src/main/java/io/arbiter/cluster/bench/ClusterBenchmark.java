package io.arbiter.cluster.bench;

import io.arbiter.cluster.codec.EgressDescriptor;
import io.arbiter.cluster.codec.OrderIds;
import io.arbiter.cluster.codec.ReportFlyweight;
import io.arbiter.cluster.gateway.ClusterGateway;
import io.arbiter.cluster.node.ClusterNode;
import io.arbiter.cluster.node.LocalCluster;
import io.arbiter.engine.Command;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Open-loop load through one {@link ClusterGateway} into a cluster of members in this JVM: orders are planned at a
 * fixed rate and each acknowledgement's latency is measured from its planned send time (coordinated omission
 * corrected). Optionally kills the leader several times during the run and measures, for each kill, the time to the
 * first acknowledgement that follows it (necessarily from the new leader), then starts the killed member again. All
 * members share this machine's cores with the gateway, so the figures are an upper bound of what separate machines
 * give. Runs on the calling thread; produces garbage at start and end only.
 */
public final class ClusterBenchmark
{
    private static final long PRICE = 100 * 100_000_000L;

    private final int members;
    private final int rate;
    private final long warmupNs;
    private final long durationNs;
    private final int failovers;
    private final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final List<Long> failoverNs = new ArrayList<>();
    private final List<Long> closeNs = new ArrayList<>();
    private final Command command = new Command();
    private long[] plannedNs;
    private long measureFromSequence;
    private long acknowledged;
    private long killNs;
    private long resyncsAtKill;
    private ClusterGateway gateway;

    /**
     * @param members    members of the cluster (3 for the figures).
     * @param rate       orders per second, planned evenly.
     * @param warmupNs    load not measured, in nanoseconds.
     * @param durationNs  measured load, in nanoseconds.
     * @param failovers  leader kills spread over the measured part (0 for none).
     */
    public ClusterBenchmark(final int members, final int rate, final long warmupNs, final long durationNs,
        final int failovers)
    {
        this.members = members;
        this.rate = rate;
        this.warmupNs = warmupNs;
        this.durationNs = durationNs;
        this.failovers = failovers;
    }

    /**
     * Run and print the results.
     *
     * @param out where the results go.
     * @return true if every order was acknowledged before the end.
     * @throws IOException if the cluster cannot be set up.
     */
    public boolean run(final PrintWriter out) throws IOException
    {
        final long total = (warmupNs + durationNs) * rate / TimeUnit.SECONDS.toNanos(1);
        plannedNs = new long[(int)total + 2];
        measureFromSequence = warmupNs * rate / TimeUnit.SECONDS.toNanos(1) + 1;
        final long intervalNs = TimeUnit.SECONDS.toNanos(1) / rate;
        try (LocalCluster cluster = new LocalCluster(members, "BTC-USD"))
        {
            cluster.startAll();
            awaitLeader(cluster, TimeUnit.SECONDS.toNanos(60));
            try (ClusterGateway gateway = new ClusterGateway(1, 0, cluster.clientContext(), this::onReport, 1_000))
            {
                this.gateway = gateway;
                gateway.connect();
                final long startNs = System.nanoTime();
                final long cpuStartNs = processCpuNs();
                final long nextKillEveryNs = failovers == 0 ? Long.MAX_VALUE : durationNs / (failovers + 1);
                long nextKillNs = startNs + warmupNs + nextKillEveryNs;
                int killed = -1;
                int kills = 0;
                long sent = 0;
                final long endNs = startNs + warmupNs + durationNs + TimeUnit.SECONDS.toNanos(30);
                while (acknowledged < total && System.nanoTime() < endNs)
                {
                    final long nowNs = System.nanoTime();
                    while (sent < total && startNs + sent * intervalNs <= nowNs)
                    {
                        final Side side = (sent & 1) == 0 ? Side.BUY : Side.SELL;
                        final long orderId = gateway.submit(command.newOrder(0, 1 + (sent & 1), 0, side,
                            OrderType.LIMIT, TimeInForce.GTC, PRICE, 1, SelfTradePrevention.NONE));
                        plannedNs[(int)OrderIds.ingressSequence(orderId)] = startNs + sent * intervalNs;
                        sent++;
                    }
                    if (nowNs >= nextKillNs && killed < 0 && killNs == 0 && kills < failovers)
                    {
                        final ClusterNode leader = cluster.leader();
                        if (leader != null)
                        {
                            killed = leader.memberId();
                            kills++;
                            killNs = System.nanoTime();
                            resyncsAtKill = gateway.resyncCount();
                            cluster.stop(killed);
                            closeNs.add(System.nanoTime() - killNs);
                            nextKillNs += nextKillEveryNs;
                        }
                    }
                    if (killed >= 0 && killNs == 0)
                    {
                        cluster.start(killed);
                        killed = -1;
                    }
                    gateway.doWork(System.nanoTime());
                }
                final long cpuNs = processCpuNs() - cpuStartNs;
                print(out, total, gateway, acknowledged == 0 ? 0 : cpuNs / acknowledged);
                return acknowledged == total;
            }
        }
    }

    private void onReport(final int shard, final ReportFlyweight report)
    {
        if (report.kind() == EgressDescriptor.KIND_ACCEPTED || report.kind() == EgressDescriptor.KIND_REJECTED)
        {
            final long nowNs = System.nanoTime();
            acknowledged++;
            final long sequence = report.ingressSequence();
            if (sequence >= measureFromSequence && sequence < plannedNs.length)
            {
                latency.recordValue(Math.min(latency.getHighestTrackableValue(), nowNs - plannedNs[(int)sequence]));
            }
            // an acknowledgement after the gateway resynced with the new leader, not one the old leader sent before
            if (killNs != 0 && gateway.resyncCount() > resyncsAtKill)
            {
                failoverNs.add(nowNs - killNs);
                killNs = 0;
            }
        }
    }

    static void awaitLeader(final LocalCluster cluster, final long timeoutNs)
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (cluster.leader() == null)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("no leader elected; errors: " + cluster.errors());
            }
            Thread.onSpinWait();
        }
    }

    private void print(final PrintWriter out, final long total, final ClusterGateway gateway,
        final long cpuPerOrderNs)
    {
        out.printf(Locale.ROOT, "cluster: %d members in this JVM, gateway batching up to %d orders per message%n",
            members, ClusterGateway.MAX_RECORDS_PER_MESSAGE);
        out.printf(Locale.ROOT, "rate %,d orders/s planned, %,d of %,d orders acknowledged, %d resyncs, process " +
            "CPU %.1f us per order%n", rate, acknowledged, total, gateway.resyncCount(), cpuPerOrderNs / 1_000.0);
        out.printf(Locale.ROOT, "ack latency (from planned send, after warm-up): p50 %s  p90 %s  p99 %s  " +
            "p99.9 %s  max %s  (%,d samples)%n",
            micros(latency.getValueAtPercentile(50)), micros(latency.getValueAtPercentile(90)),
            micros(latency.getValueAtPercentile(99)), micros(latency.getValueAtPercentile(99.9)),
            micros(latency.getMaxValue()), latency.getTotalCount());
        if (!failoverNs.isEmpty())
        {
            final long[] sorted = failoverNs.stream().mapToLong(Long::longValue).sorted().toArray();
            out.printf(Locale.ROOT, "failover (leader kill to next acknowledgement), %d kills: p50 %s  max %s%n",
                sorted.length, millis(sorted[(sorted.length - 1) / 2]), millis(sorted[sorted.length - 1]));
            final long[] closes = closeNs.stream().mapToLong(Long::longValue).sorted().toArray();
            // the kill is an in-process close (media driver, archive, consensus module, service) on this thread,
            // which polls the gateway only once it returns: part of each failover above is this close, which a
            // killed process does not take
            out.printf(Locale.ROOT, "  of which closing the killed member in-process: p50 %s  max %s%n",
                millis(closes[(closes.length - 1) / 2]), millis(closes[closes.length - 1]));
        }
        out.flush();
    }

    static String micros(final long ns)
    {
        return String.format(Locale.ROOT, "%.1f us", ns / 1_000.0);
    }

    /**
     * @return CPU time this process used so far (every thread: members, drivers, client), ns; 0 if unknown.
     */
    static long processCpuNs()
    {
        final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean bean ? Math.max(0, bean.getProcessCpuTime()) : 0;
    }

    private static String millis(final long ns)
    {
        return String.format(Locale.ROOT, "%.0f ms", ns / 1_000_000.0);
    }
}
