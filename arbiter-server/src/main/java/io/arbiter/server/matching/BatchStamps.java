package io.arbiter.server.matching;

import io.arbiter.engine.CommandType;
import io.arbiter.server.metrics.RingStatus;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.metrics.Stage;
import io.arbiter.server.metrics.StageLatencyRecorder;
import io.arbiter.server.metrics.StageTimestamps;
import io.arbiter.server.overload.OverloadMonitor;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.tracing.OrderTraceSampler;

/**
 * The matching thread's observability of one ring batch: it stamps each command's stage timestamps (dequeue, match,
 * journal, egress), records them in the stage latency metrics and the trace sampler when the batch is flushed, feeds
 * the overload monitor with each order's queueing delay and the batch's duty cycle, and counts batches. Stage
 * timestamps are stamped only when something reads them: the metrics, or a trace sampler that can capture. Single
 * writer: the matching thread. Allocates nothing per batch.
 */
final class BatchStamps
{
    private ServerMetrics metrics;
    private OrderTraceSampler traceSampler;
    private OverloadMonitor overloadMonitor;
    private RingStatus ringStatus;
    private boolean stamping;
    private CommandEvent[] batchEvents = new CommandEvent[0];
    private int batchEventCount;
    /** The last command stored in the batch's list has no match end yet: the next clock read gives it. */
    private boolean matchEndPending;
    private int batchEventsJournaled;
    private long batchSize;
    private long queueDepth;

    /**
     * Control plane, before the ring starts (allocates the batch's event list).
     *
     * @param metrics         counts and per-stage latency; null for none.
     * @param traceSampler    told of each completed command; null for none.
     * @param overloadMonitor fed with queueing delay and ring occupancy; null for none.
     * @param ringStatus      occupancy of the command ring (required with an overload monitor).
     * @param ringSize        slots in the ring (largest possible batch).
     */
    void configure(
        final ServerMetrics metrics,
        final OrderTraceSampler traceSampler,
        final OverloadMonitor overloadMonitor,
        final RingStatus ringStatus,
        final int ringSize)
    {
        this.metrics = metrics;
        this.traceSampler = traceSampler;
        this.overloadMonitor = overloadMonitor;
        this.ringStatus = ringStatus;
        this.stamping = metrics != null || (traceSampler != null && traceSampler.enabled());
        this.batchEvents = new CommandEvent[Math.max(16, ringSize)];
    }

    /**
     * @return true if stage timestamps are stamped.
     */
    boolean stamping()
    {
        return stamping;
    }

    /**
     * @return true if anything is stamped or monitored per command.
     */
    boolean active()
    {
        return stamping || overloadMonitor != null;
    }

    /**
     * @param batchSize  commands in the batch the ring hands over.
     * @param queueDepth commands waiting behind it.
     */
    void onBatchStart(final long batchSize, final long queueDepth)
    {
        this.batchSize = batchSize;
        this.queueDepth = queueDepth;
    }

    /**
     * The matching thread took an engine command from the ring; call only if {@link #active()}.
     *
     * @param event    the ring slot.
     * @param sequence its ring sequence.
     */
    void onCommandTaken(final CommandEvent event, final long sequence)
    {
        final long nowNs = System.nanoTime();
        if (matchEndPending)
        {
            matchEndPending = false;
            batchEvents[batchEventCount - 1].timestamps().matchEndNs(nowNs);
        }
        if (overloadMonitor != null && event.command().type() != CommandType.CANCEL)
        {
            overloadMonitor.onNewOrderTaken(event.receivedNs(), nowNs);
        }
        if (stamping)
        {
            event.timestamps()
                .dequeuedNs(nowNs)
                .matchStartNs(nowNs)
                .sequence(sequence)
                .ringDepth(queueDepth)
                .batchSize(batchSize);
            if (batchEventCount < batchEvents.length)
            {
                if (batchEvents[batchEventCount] != event)
                {
                    batchEvents[batchEventCount] = event;
                }
                batchEventCount++;
            }
        }
    }

    /**
     * The engine finished the command; call only if {@link #stamping()}. Its match end is the next clock read: the
     * next command's {@link #onCommandTaken}, or {@link #settleMatchEnd()} before anything else runs on the matching
     * thread, so each command reads the clock once instead of twice.
     *
     * @param event the ring slot.
     */
    void onMatchEnd(final CommandEvent event)
    {
        if (batchEventCount > 0 && batchEvents[batchEventCount - 1] == event)
        {
            matchEndPending = true;
        }
        else
        {
            event.timestamps().matchEndNs(System.nanoTime());
        }
    }

    /**
     * Give the last command its match end now, if it has none yet: call before the matching thread does anything
     * other than take the next engine command (a commit, a flush, a control event).
     */
    void settleMatchEnd()
    {
        if (matchEndPending)
        {
            matchEndPending = false;
            batchEvents[batchEventCount - 1].timestamps().matchEndNs(System.nanoTime());
        }
    }

    /**
     * The commands taken since the last commit were handed to the journal writer. Only their stage stamps are set
     * here: the journal's force latency is recorded by the writer thread, which does the force (recording this
     * hand-off too would mix near-zero durations from a second thread into that single-writer histogram).
     *
     * @param startNs when the hand-off began.
     * @param endNs   when it returned.
     */
    void onJournalCommitted(final long startNs, final long endNs)
    {
        for (int i = batchEventsJournaled; i < batchEventCount; i++)
        {
            batchEvents[i].timestamps().journalStartNs(startNs).journalEndNs(endNs);
        }
        batchEventsJournaled = batchEventCount;
    }

    /**
     * End of batch, after the egress flush: egress and total latency of each command of the batch (slots are not
     * reused before the matching handler's sequence advances), tracing, batch counters and the overload duty cycle.
     * Call only if {@link #active()}.
     *
     * @param eventsSeen   ring events in the batch.
     * @param sessionCount live sessions.
     */
    void onBatchFlushed(final int eventsSeen, final int sessionCount)
    {
        final long nowNs = System.nanoTime();
        final StageLatencyRecorder stageLatency = metrics != null ? metrics.stageLatency() : null;
        // one critical section of the recorder for the whole batch, not two atomic updates per stage and command
        final long token = stageLatency != null && batchEventCount > 0 ? stageLatency.beginBatch() : 0;
        for (int i = 0; i < batchEventCount; i++)
        {
            // Not cleared: the slots are the ring's own preallocated events, alive as long as the ring, and a null
            // store would pay the collector's write barrier once more per command.
            final StageTimestamps timestamps = batchEvents[i].timestamps();
            timestamps.egressStartNs(timestamps.matchEndNs()).egressEndNs(nowNs);
            final long totalNs = stageLatency != null ? stageLatency.recordInBatch(timestamps) :
                timestamps.durationNs(Stage.TOTAL);
            if (traceSampler != null)
            {
                traceSampler.onOrderComplete(timestamps, totalNs);
            }
        }
        if (stageLatency != null && batchEventCount > 0)
        {
            stageLatency.endBatch(token);
        }
        batchEventCount = 0;
        batchEventsJournaled = 0;
        if (metrics != null)
        {
            metrics.onBatch(eventsSeen);
        }
        if (overloadMonitor != null)
        {
            overloadMonitor.onDutyCycle(nowNs, ringStatus.occupancy(), ringStatus.capacity(), sessionCount);
        }
    }
}
