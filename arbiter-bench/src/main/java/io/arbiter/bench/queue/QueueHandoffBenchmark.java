package io.arbiter.bench.queue;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.CommandTranslators;
import io.arbiter.server.sequencer.IngressCommand;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The node's ingress hand-off (producer threads to the one matching thread) through three structures of 1024 slots:
 * {@link ArrayBlockingQueue} (lock), the Disruptor multi-producer ring with the node's static translator (polled with
 * an {@link EventPoller}), and Agrona's {@link ManyToOneConcurrentArrayQueue}. Queues pass a preallocated command
 * object, the ring copies the staged command into its preallocated slot, as the node does. Producers spin while full,
 * the consumer while empty; the producer methods' throughput is the hand-off rate.
 * Run: {@code java -jar arbiter-bench.jar QueueHandoffBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Group)
public class QueueHandoffBenchmark
{
    private static final int CAPACITY = 1024;

    private ArrayBlockingQueue<IngressCommand> blockingQueue;
    private ManyToOneConcurrentArrayQueue<IngressCommand> agronaQueue;
    private RingBuffer<CommandEvent> ring;
    private EventPoller<CommandEvent> poller;
    private final IngressCommand command = new IngressCommand();
    private final EventPoller.Handler<CommandEvent> pollHandler = (event, sequence, endOfBatch) -> false;
    private static final EventTranslatorOneArg<CommandEvent, IngressCommand> TRANSLATOR =
        CommandTranslators.ENGINE_COMMAND;

    /**
     * Fresh structures per trial.
     */
    @Setup
    public void setUp()
    {
        blockingQueue = new ArrayBlockingQueue<>(CAPACITY);
        agronaQueue = new ManyToOneConcurrentArrayQueue<>(CAPACITY);
        ring = RingBuffer.createMultiProducer(CommandEvent.FACTORY, CAPACITY);
        poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
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
    @Group("disruptor1P")
    @GroupThreads(1)
    public boolean disruptor1PPublish(final Control control)
    {
        return publish(control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if an event was consumed.
     * @throws Exception never in practice (poller contract).
     */
    @Benchmark
    @Group("disruptor1P")
    @GroupThreads(1)
    public boolean disruptor1PPoll(final Control control) throws Exception
    {
        return pollRing(control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if handed off.
     */
    @Benchmark
    @Group("disruptor2P")
    @GroupThreads(2)
    public boolean disruptor2PPublish(final Control control)
    {
        return publish(control);
    }

    /**
     * @param control stops spinning at the end of an iteration.
     * @return true if an event was consumed.
     * @throws Exception never in practice (poller contract).
     */
    @Benchmark
    @Group("disruptor2P")
    @GroupThreads(1)
    public boolean disruptor2PPoll(final Control control) throws Exception
    {
        return pollRing(control);
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

    private boolean publish(final Control control)
    {
        while (!ring.tryPublishEvent(TRANSLATOR, command))
        {
            if (control.stopMeasurement)
            {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    private boolean pollRing(final Control control) throws Exception
    {
        while (poller.poll(pollHandler) != EventPoller.PollState.PROCESSING)
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
