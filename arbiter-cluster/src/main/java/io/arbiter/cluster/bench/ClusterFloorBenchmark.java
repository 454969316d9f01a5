package io.arbiter.cluster.bench;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import io.arbiter.cluster.codec.IngressDescriptor;
import io.arbiter.cluster.gateway.ClusterGateway;
import io.arbiter.cluster.node.LocalCluster;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The machine's floor for the replicated path: the same members, Aeron settings and ingress messages as
 * {@link ClusterBenchmark} (up to {@value ClusterGateway#MAX_RECORDS_PER_MESSAGE} 80-byte records per message, as the
 * gateway batches), but each member runs {@link EchoClusteredService}, which only sends every committed message back.
 * Orders are planned at a fixed rate; a record counts as acknowledged when its message comes back, and its latency
 * is measured from its planned send time. What the engine's figure is compared with: a cluster that cannot carry a
 * rate with an echo behind it cannot carry it with the engine either. Runs on the calling thread; produces garbage at
 * start and end only.
 */
public final class ClusterFloorBenchmark implements EgressListener
{
    private final int members;
    private final int rate;
    private final long warmupNs;
    private final long durationNs;
    private final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(
        IngressDescriptor.commandsLength(ClusterGateway.MAX_RECORDS_PER_MESSAGE)));
    private long startNs;
    private long intervalNs;
    private long measureFrom;
    private long acknowledged;

    /**
     * @param members   members of the cluster (3 for the figures).
     * @param rate      records (orders) per second, planned evenly.
     * @param warmupNs   load not measured, in nanoseconds.
     * @param durationNs measured load, in nanoseconds.
     */
    public ClusterFloorBenchmark(final int members, final int rate, final long warmupNs, final long durationNs)
    {
        this.members = members;
        this.rate = rate;
        this.warmupNs = warmupNs;
        this.durationNs = durationNs;
    }

    /**
     * Run and print the results.
     *
     * @param out where the results go.
     * @return true if every record came back before the end.
     * @throws IOException if the cluster cannot be set up.
     */
    public boolean run(final PrintWriter out) throws IOException
    {
        final long total = (warmupNs + durationNs) * rate / TimeUnit.SECONDS.toNanos(1);
        measureFrom = warmupNs * rate / TimeUnit.SECONDS.toNanos(1);
        intervalNs = TimeUnit.SECONDS.toNanos(1) / rate;
        try (LocalCluster cluster = new LocalCluster(members).services(EchoClusteredService::new))
        {
            cluster.startAll();
            ClusterBenchmark.awaitLeader(cluster, TimeUnit.SECONDS.toNanos(60));
            try (AeronCluster client = AeronCluster.connect(cluster.clientContext().egressListener(this)))
            {
                startNs = System.nanoTime();
                final long cpuStartNs = ClusterBenchmark.processCpuNs();
                long sent = 0;
                final long endNs = startNs + warmupNs + durationNs + TimeUnit.SECONDS.toNanos(30);
                while (acknowledged < total && System.nanoTime() < endNs)
                {
                    final long nowNs = System.nanoTime();
                    final long due = Math.min(total, (nowNs - startNs) / intervalNs + 1);
                    while (sent < due)
                    {
                        final int count = (int)Math.min(ClusterGateway.MAX_RECORDS_PER_MESSAGE, due - sent);
                        message.putInt(IngressDescriptor.TYPE_OFFSET, IngressDescriptor.TYPE_COMMANDS,
                            ByteOrder.LITTLE_ENDIAN);
                        message.putLong(IngressDescriptor.FIRST_SEQUENCE_OFFSET, sent, ByteOrder.LITTLE_ENDIAN);
                        if (client.offer(message, 0, IngressDescriptor.commandsLength(count)) < 0)
                        {
                            break;
                        }
                        sent += count;
                    }
                    if (client.pollEgress() == 0)
                    {
                        client.sendKeepAlive();
                    }
                }
                final long cpuNs = ClusterBenchmark.processCpuNs() - cpuStartNs;
                print(out, total, acknowledged == 0 ? 0 : cpuNs / acknowledged);
                return acknowledged == total;
            }
        }
    }

    /**
     * One echoed message: every record in it is acknowledged.
     */
    @Override
    public void onMessage(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        final long nowNs = System.nanoTime();
        final long first = buffer.getLong(offset + IngressDescriptor.FIRST_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        final int count = (length - IngressDescriptor.HEADER_LENGTH) / IngressDescriptor.RECORD_LENGTH;
        for (long record = first; record < first + count; record++)
        {
            if (record >= measureFrom)
            {
                latency.recordValue(Math.min(latency.getHighestTrackableValue(),
                    Math.max(0, nowNs - (startNs + record * intervalNs))));
            }
        }
        acknowledged += count;
    }

    private void print(final PrintWriter out, final long total, final long cpuPerRecordNs)
    {
        out.printf(Locale.ROOT, "cluster floor: %d members in this JVM running an echo service, client batching up " +
            "to %d records per message%n", members, ClusterGateway.MAX_RECORDS_PER_MESSAGE);
        out.printf(Locale.ROOT, "rate %,d records/s planned, %,d of %,d records echoed, process CPU %.1f us per " +
            "record%n", rate, acknowledged, total, cpuPerRecordNs / 1_000.0);
        out.printf(Locale.ROOT, "echo latency (from planned send, after warm-up): p50 %s  p90 %s  p99 %s  " +
            "p99.9 %s  max %s  (%,d samples)%n",
            ClusterBenchmark.micros(latency.getValueAtPercentile(50)),
            ClusterBenchmark.micros(latency.getValueAtPercentile(90)),
            ClusterBenchmark.micros(latency.getValueAtPercentile(99)),
            ClusterBenchmark.micros(latency.getValueAtPercentile(99.9)),
            ClusterBenchmark.micros(latency.getMaxValue()), latency.getTotalCount());
        out.flush();
    }
}
