package io.arbiter.bench.pipeline;

import io.arbiter.journal.DurabilityPolicy;
import io.arbiter.server.sequencer.WaitStrategyKind;

import java.nio.file.Path;

/**
 * Settings of a {@link PipelineBenchmark} run; plain mutable fields filled by the command line. Not thread safe.
 */
public final class PipelineBenchmarkOptions
{
    /** Seed of the order flow. */
    public long seed = 42;
    /** Sessions (and accounts) the flow is spread over. */
    public int sessions = 8;
    /** Instruments. */
    public int instruments = 4;
    /** GTC orders each session keeps before it cancels its oldest. */
    public int restingPerSession = 2_000;
    /** Ring slots, a power of two. */
    public int ringSize = 1 << 14;
    /**
     * Sequences between the matching thread's look-ahead stages over the Disruptor ring (see
     * {@code MatchingHandler.lookAhead}); 0 (default) for none, as the node's {@code engine.lookAhead}. Only the
     * Disruptor ingress looks ahead.
     */
    public int lookAhead;
    /**
     * True: the matching handler keeps the node's metrics ({@code ServerMetrics}: counters and the per-stage latency
     * of every command, as {@code metrics.enabled=true}, the node's default); false (default): none.
     */
    public boolean metrics;
    /** What carries commands to the matching thread. */
    public PipelineQueue queue = PipelineQueue.DISRUPTOR;
    /**
     * False (default): the client thread publishes and reads the replies (two busy threads with the matching thread).
     * True: a third thread reads the replies, for machines with more than two cores.
     */
    public boolean separateConsumer;
    /**
     * How the matching thread waits on an empty ring (for the Agrona and ArrayBlockingQueue ingress, the nearest
     * Agrona idle strategy).
     */
    public WaitStrategyKind waitStrategy = WaitStrategyKind.YIELDING;
    /**
     * Commands the producer claims and publishes at once in the unpaced phases ({@code RingBuffer.tryNext(n)}, one
     * claim and one publish per batch instead of per command; one message of n records for the Agrona ring; a room
     * check then n offers for the ArrayBlockingQueue); 1 publishes one at a time like a gateway thread.
     */
    public int publishBatch = 64;
    /** Unpaced commands before measuring. */
    public long warmupCommands = 2_000_000;
    /** Unpaced commands measured for throughput. */
    public long throughputCommands = 5_000_000;
    /** Offered rate of the latency phase, commands per second. */
    public long rate = 1_000_000;
    /** Paced seconds before recording latency. */
    public int latencyWarmupSeconds = 1;
    /** Paced seconds recorded. */
    public int latencySeconds = 3;
    /**
     * Journal every command on the node's journal writer thread under this policy, replies held at the reply gate
     * until durable, as in the node; null (default) for no journal.
     */
    public DurabilityPolicy journal;
    /** Directory of the journal; null for a temporary directory deleted after the run. */
    public Path journalDir;
}
