package io.arbiter.app.bench;

import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.metrics.Stage;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Where an in-process node's reply time went during one benchmark step: the p50 and p99 of the journal writer's group
 * commits (write + force per policy) and of the reply gate's hold (hand-off of a group's first command to the journal
 * until it was durable), the p50 and p99 of the egress write (hand-off of a session's batch at the end of a matching
 * batch until the event loop flushed it to the socket), and the p50 and p99 of the ring wait (gateway publish until the
 * matching thread took the command: the queueing delay). Each is the difference of the node's cumulative histograms
 * taken when the step's measured period starts (after its warm-up: the load generator's measure-start listener; before
 * the step if the run ends first) and after it. Produces garbage (control plane, between steps).
 */
final class NodeStageProbe
{
    private final ServerMetrics metrics;
    private final LongSupplier slowConsumerCloses;
    private long slowConsumerClosesBefore;
    private Histogram forceBefore;
    private Histogram holdBefore;
    private Histogram egressBefore;
    private Histogram ringWaitBefore;

    /**
     * @param metrics            the in-process node's metrics.
     * @param slowConsumerCloses the node's count of sessions it closed as slow consumers so far.
     */
    NodeStageProbe(final ServerMetrics metrics, final LongSupplier slowConsumerCloses)
    {
        this.metrics = metrics;
        this.slowConsumerCloses = slowConsumerCloses;
    }

    /**
     * Remember the histograms at the start of a step.
     */
    void beforeStep()
    {
        forceBefore = metrics.journalForceHistogram();
        holdBefore = metrics.replyHoldHistogram();
        egressBefore = metrics.egressWriteHistogram();
        ringWaitBefore = ringWait();
        slowConsumerClosesBefore = slowConsumerCloses.getAsLong();
    }

    private Histogram ringWait()
    {
        metrics.stageLatency().harvest(System.nanoTime());
        return metrics.stageLatency().cumulativeCopy(Stage.RING_WAIT);
    }

    /**
     * @return the p50s recorded since {@link #beforeStep()}.
     */
    Figures afterStep()
    {
        final Histogram force = metrics.journalForceHistogram();
        final Histogram hold = metrics.replyHoldHistogram();
        final Histogram egress = metrics.egressWriteHistogram();
        return new Figures(
            p50(force, forceBefore), percentile(force, forceBefore, 99),
            p50(hold, holdBefore), percentile(hold, holdBefore, 99),
            p50(egress, egressBefore), percentile(egress, egressBefore, 99),
            ringWait(), ringWaitBefore, slowConsumerCloses.getAsLong() - slowConsumerClosesBefore);
    }

    private static Long p50(final Histogram after, final Histogram before)
    {
        return percentile(after, before, 50);
    }

    private static Long percentile(final Histogram after, final Histogram before, final double percentile)
    {
        final Histogram during = after.copy();
        during.subtract(before);
        return during.getTotalCount() == 0 ? null : during.getValueAtPercentile(percentile);
    }

    /**
     * The percentiles of one step in nanoseconds; null where nothing was recorded (no journal, or no reply).
     *
     * @param forceNs  journal group commit.
     * @param forceP99Ns journal group commit p99 (the device's tail under batch).
     * @param holdNs   reply gate hold.
     * @param holdP99Ns reply gate hold p99.
     * @param egressNs egress hand-off to socket flush.
     * @param egressP99Ns egress hand-off to socket flush, p99.
     * @param ringWaitP50Ns ring wait (queueing delay) p50.
     * @param ringWaitP99Ns ring wait (queueing delay) p99.
     */
    record Figures(
        Long forceNs, Long forceP99Ns, Long holdNs, Long holdP99Ns, Long egressNs, Long egressP99Ns,
        Long ringWaitP50Ns, Long ringWaitP99Ns, long slowConsumerCloses)
    {
        Figures(final Long forceNs, final Long forceP99Ns, final Long holdNs, final Long holdP99Ns, final Long egressNs,
            final Long egressP99Ns, final Histogram ringWaitAfter, final Histogram ringWaitBefore,
            final long slowConsumerCloses)
        {
            this(forceNs, forceP99Ns, holdNs, holdP99Ns, egressNs, egressP99Ns,
                percentile(ringWaitAfter, ringWaitBefore, 50), percentile(ringWaitAfter, ringWaitBefore, 99),
                slowConsumerCloses);
        }

        /**
         * @return the figures under their JSON names.
         */
        Map<String, Object> describe()
        {
            final Map<String, Object> out = new LinkedHashMap<>();
            out.put("journal_force_p50_ns", forceNs);
            out.put("journal_force_p99_ns", forceP99Ns);
            out.put("reply_hold_p50_ns", holdNs);
            out.put("reply_hold_p99_ns", holdP99Ns);
            out.put("egress_write_p50_ns", egressNs);
            out.put("egress_write_p99_ns", egressP99Ns);
            out.put("ring_wait_p50_ns", ringWaitP50Ns);
            out.put("ring_wait_p99_ns", ringWaitP99Ns);
            out.put("slow_consumer_closes", slowConsumerCloses);
            return out;
        }

        /**
         * @return one line for the text report.
         */
        String line()
        {
            return "ring wait " + micros(ringWaitP50Ns) + " (p99 " + micros(ringWaitP99Ns) + "), journal force " +
                micros(forceNs) + " (p99 " + micros(forceP99Ns) + "), reply hold " + micros(holdNs) + " (p99 " +
                micros(holdP99Ns) + "), egress write " + micros(egressNs) + " (p99 " + micros(egressP99Ns) + ")" +
                (slowConsumerCloses == 0 ? "" : "; " + slowConsumerCloses + " sessions closed as SLOW_CONSUMER " +
                "(report queue over session.egressBufferBytes or the node's session.egressNodeBufferBytes)");
        }

        private static String micros(final Long ns)
        {
            return ns == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f us", ns / 1e3);
        }
    }
}
