package io.arbiter.bench.queue;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.ProducerType;
import io.arbiter.bench.pipeline.CommandRecordDescriptor;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.CommandTranslators;
import io.arbiter.server.sequencer.IngressCommand;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Control;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The node's ingress hand-off (producer threads to the one matching thread) through structures of {@code capacity}
 * slots (the Disruptor's wait strategy is busy-spin everywhere, so publishing never signals). Read the producer
 * method's score (…Offer, …Publish) as hand-offs per µs; a consumer method's score counts its
 * calls, which for the batch consumers is batches, not hand-offs. Producers spin while full, consumers while empty.
 * <ul>
 * <li>{@code blockingQueue}, {@code agronaMpsc}: {@link ArrayBlockingQueue} and Agrona's
 * {@link ManyToOneConcurrentArrayQueue} pass a reference to one shared command, one poll per element: no copy, so they
 * need a pool (with its ownership hand-back) to carry distinct commands.</li>
 * <li>{@code agronaRing}: Agrona's {@link ManyToOneRingBuffer}; the producer copies the command in as a 72-byte record,
 * the consumer reads all available records and decodes each into one reused event (the pipeline's agrona ingress).</li>
 * <li>{@code disruptorPollOne}: the node's ring and translator; an {@link EventPoller} whose handler returns false, so
 * each poll consumes one event, and each poll scans the multi-producer availability flags from the next sequence to
 * the cursor (up to the whole ring once it is full): quadratic in the backlog, unlike the node.</li>
 * <li>{@code disruptorPollBatch}: the same poller, handler returns true: each poll consumes everything available.</li>
 * <li>{@code disruptorProcessor}: the node's shape, a {@link BatchEventProcessor} on its own thread (busy-spin wait)
 * consuming batches with {@code endOfBatch}; only the producer method runs under JMH.</li>
 * </ul>
 * Run: {@code scripts/bench-queues.sh} or {@code java -cp arbiter.jar org.openjdk.jmh.Main QueueHandoffBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Group)
public class QueueHandoffBenchmark
{
    private static final EventHandler<CommandEvent> IGNORING_HANDLER = (event, sequence, endOfBatch) ->
    {
    };

    /** Slots of each structure (a power of two). */
    @Param("1024")
    public int capacity;

    private ArrayBlockingQueue<IngressCommand> blockingQueue;
    private ManyToOneConcurrentArrayQueue<IngressCommand> agronaQueue;
    private ManyToOneRingBuffer agronaRing;
    private RingBuffer<CommandEvent> ring;
    private EventPoller<CommandEvent> poller;
    private BatchEventProcessor<CommandEvent> processor;
    private Thread processorThread;
    private final IngressCommand command = new IngressCommand();
    private final CommandEvent decoded = new CommandEvent();
    private final EventPoller.Handler<CommandEvent> pollOneHandler = (event, sequence, endOfBatch) -> false;
    private final EventPoller.Handler<CommandEvent> pollBatchHandler = (event, sequence, endOfBatch) -> true;
    private final MessageHandler decodingHandler = this::onRecords;

    /**
     * Fresh structures per trial; starts the batch event processor thread for the processor groups only.
     *
     * @param params names the benchmark being set up.
     */
    @Setup
    public void setUp(final BenchmarkParams params)
    {
        blockingQueue = new ArrayBlockingQueue<>(capacity);
        agronaQueue = new ManyToOneConcurrentArrayQueue<>(capacity);
        final int ringBytes = Integer.highestOneBit(
            capacity * (CommandRecordDescriptor.RECORD_LENGTH + RecordDescriptor.HEADER_LENGTH) * 2 - 1);
        agronaRing = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(ringBytes + RingBufferDescriptor.TRAILER_LENGTH)));
        command.command().newOrder(0, 0, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 10,
            SelfTradePrevention.NONE);
        ring = RingBuffer.create(ProducerType.MULTI, CommandEvent.FACTORY, capacity, new BusySpinWaitStrategy());
        if (params.getBenchmark().contains("disruptorProcessor"))
        {
            processor = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(), IGNORING_HANDLER);
            ring.addGatingSequences(processor.getSequence());
            processorThread = new Thread(processor, "disruptor-processor");
            processorThread.setDaemon(true);
            processorThread.start();
        }
        else
        {
            poller = ring.newPoller();
            ring.addGatingSequences(poller.getSequence());
        }
    }

    /**
     * Stop the batch event processor, if any.
     *
     * @throws InterruptedException if interrupted while joining it.
     */
    @TearDown
    public void tearDown() throws InterruptedException
    {
        if (processor != null)
        {
            processor.halt();
            processorThread.join(5_000);
            processor = null;
        }
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if handed off.
     */
    @Benchmark
    @Group("blockingQueue1P")
    @GroupThreads(1)
    public boolean blockingQueue1POffer(final Control control)
    {
        return offer(blockingQueue, control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return the element taken, or null.
     */
    @Benchmark
    @Group("blockingQueue1P")
    @GroupThreads(1)
    public Object blockingQueue1PPoll(final Control control)
    {
        return poll(blockingQueue, control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if handed off.
     */
    @Benchmark
    @Group("blockingQueue2P")
    @GroupThreads(2)
    public boolean blockingQueue2POffer(final Control control)
    {
        return offer(blockingQueue, control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return the element taken, or null.
     */
    @Benchmark
    @Group("blockingQueue2P")
    @GroupThreads(1)
    public Object blockingQueue2PPoll(final Control control)
    {
        return poll(blockingQueue, control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if handed off.
     */
    @Benchmark
    @Group("agronaMpsc1P")
    @GroupThreads(1)
    public boolean agronaMpsc1POffer(final Control control)
    {
        return offer(agronaQueue, control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return the element taken, or null.
     */
    @Benchmark
    @Group("agronaMpsc1P")
    @GroupThreads(1)
    public Object agronaMpsc1PPoll(final Control control)
    {
        return poll(agronaQueue, control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if handed off.
     */
    @Benchmark
    @Group("agronaMpsc2P")
    @GroupThreads(2)
    public boolean agronaMpsc2POffer(final Control control)
    {
        return offer(agronaQueue, control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return the element taken, or null.
     */
    @Benchmark
    @Group("agronaMpsc2P")
    @GroupThreads(1)
    public Object agronaMpsc2PPoll(final Control control)
    {
        return poll(agronaQueue, control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if handed off.
     */
    @Benchmark
    @Group("agronaRing1P")
    @GroupThreads(1)
    public boolean agronaRing1POffer(final Control control)
    {
        return write(control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return records read in this batch.
     */
    @Benchmark
    @Group("agronaRing1P")
    @GroupThreads(1)
    public int agronaRing1PRead(final Control control)
    {
        return readRing(control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if handed off.
     */
    @Benchmark
    @Group("agronaRing2P")
    @GroupThreads(2)
    public boolean agronaRing2POffer(final Control control)
    {
        return write(control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return records read in this batch.
     */
    @Benchmark
    @Group("agronaRing2P")
    @GroupThreads(1)
    public int agronaRing2PRead(final Control control)
    {
        return readRing(control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if handed off.
     */
    @Benchmark
    @Group("disruptorPollOne1P")
    @GroupThreads(1)
    public boolean disruptorPollOne1PPublish(final Control control)
    {
        return publish(control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if an event was consumed.
     * @throws Exception never in practice (poller contract).
     */
    @Benchmark
    @Group("disruptorPollOne1P")
    @GroupThreads(1)
    public boolean disruptorPollOne1PPoll(final Control control) throws Exception
    {
        return pollRing(pollOneHandler, control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if handed off.
     */
    @Benchmark
    @Group("disruptorPollOne2P")
    @GroupThreads(2)
    public boolean disruptorPollOne2PPublish(final Control control)
    {
        return publish(control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if an event was consumed.
     * @throws Exception never in practice (poller contract).
     */
    @Benchmark
    @Group("disruptorPollOne2P")
    @GroupThreads(1)
    public boolean disruptorPollOne2PPoll(final Control control) throws Exception
    {
        return pollRing(pollOneHandler, control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if handed off.
     */
    @Benchmark
    @Group("disruptorPollBatch1P")
    @GroupThreads(1)
    public boolean disruptorPollBatch1PPublish(final Control control)
    {
        return publish(control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if a batch was consumed.
     * @throws Exception never in practice (poller contract).
     */
    @Benchmark
    @Group("disruptorPollBatch1P")
    @GroupThreads(1)
    public boolean disruptorPollBatch1PPoll(final Control control) throws Exception
    {
        return pollRing(pollBatchHandler, control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if handed off.
     */
    @Benchmark
    @Group("disruptorPollBatch2P")
    @GroupThreads(2)
    public boolean disruptorPollBatch2PPublish(final Control control)
    {
        return publish(control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if a batch was consumed.
     * @throws Exception never in practice (poller contract).
     */
    @Benchmark
    @Group("disruptorPollBatch2P")
    @GroupThreads(1)
    public boolean disruptorPollBatch2PPoll(final Control control) throws Exception
    {
        return pollRing(pollBatchHandler, control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if handed off.
     */
    @Benchmark
    @Group("disruptorProcessor1P")
    @GroupThreads(1)
    public boolean disruptorProcessor1PPublish(final Control control)
    {
        return publish(control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if handed off.
     */
    @Benchmark
    @Group("disruptorProcessor2P")
    @GroupThreads(2)
    public boolean disruptorProcessor2PPublish(final Control control)
    {
        return publish(control);
    }

    /**
     * Control without a second thread: one offer and one poll, the cost of the operations themselves.
     *
     * @return the element taken.
     */
    @Benchmark
    @Group("blockingQueueSameThread")
    public Object blockingQueueSameThread()
    {
        blockingQueue.offer(command);
        return blockingQueue.poll();
    }

    /**
     * Control without a second thread: one offer and one poll.
     *
     * @return the element taken.
     */
    @Benchmark
    @Group("agronaMpscSameThread")
    public Object agronaMpscSameThread()
    {
        agronaQueue.offer(command);
        return agronaQueue.poll();
    }

    /**
     * Control without a second thread: one record copied in, read and decoded.
     *
     * @return records read.
     */
    @Benchmark
    @Group("agronaRingSameThread")
    public int agronaRingSameThread()
    {
        final int index = agronaRing.tryClaim(1, CommandRecordDescriptor.RECORD_LENGTH);
        CommandRecordDescriptor.encode(command, agronaRing.buffer(), index);
        agronaRing.commit(index);
        return agronaRing.read(decodingHandler, capacity);
    }

    /**
     * Control without a second thread: one event published with the node's translator, then polled.
     *
     * @return the poll state.
     * @throws Exception never in practice (poller contract).
     */
    @Benchmark
    @Group("disruptorSameThread")
    public EventPoller.PollState disruptorSameThread() throws Exception
    {
        ring.tryPublishEvent(CommandTranslators.ENGINE_COMMAND, command);
        return poller.poll(pollBatchHandler);
    }

    private boolean offer(final java.util.Queue<IngressCommand> queue, final Control control)
    {
        while (!queue.offer(command))
        {
            if (control.stopMeasurement)
            {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    private static Object poll(final java.util.Queue<IngressCommand> queue, final Control control)
    {
        Object item;
        while ((item = queue.poll()) == null)
        {
            if (control.stopMeasurement)
            {
                return null;
            }
            Thread.onSpinWait();
        }
        return item;
    }

    private boolean write(final Control control)
    {
        int index;
        while ((index = agronaRing.tryClaim(1, CommandRecordDescriptor.RECORD_LENGTH)) < 0)
        {
            if (control.stopMeasurement)
            {
                return false;
            }
            Thread.onSpinWait();
        }
        CommandRecordDescriptor.encode(command, agronaRing.buffer(), index);
        agronaRing.commit(index);
        return true;
    }

    private int readRing(final Control control)
    {
        int read;
        while ((read = agronaRing.read(decodingHandler, capacity)) == 0)
        {
            if (control.stopMeasurement)
            {
                return 0;
            }
            Thread.onSpinWait();
        }
        return read;
    }

    private void onRecords(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        CommandRecordDescriptor.decode(buffer, index, decoded);
    }

    private boolean publish(final Control control)
    {
        while (!ring.tryPublishEvent(CommandTranslators.ENGINE_COMMAND, command))
        {
            if (control.stopMeasurement)
            {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    private boolean pollRing(final EventPoller.Handler<CommandEvent> handler, final Control control)
        throws Exception
    {
        while (poller.poll(handler) != EventPoller.PollState.PROCESSING)
        {
            if (control.stopMeasurement)
            {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }
}
