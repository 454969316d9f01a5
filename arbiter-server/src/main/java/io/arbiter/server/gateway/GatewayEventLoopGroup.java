package io.arbiter.server.gateway;

import com.lmax.disruptor.Cursored;
import io.arbiter.server.egress.ReplyGate;
import io.arbiter.server.sequencer.SignalHoldingThread;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.RejectedExecutionHandlers;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * The gateway's Netty event loops, with task queues preallocated at start. Netty's default task queue (JCTools
 * {@code MpscUnboundedArrayQueue}) allocates a fresh 1,025-slot chunk every 1,024 tasks on the thread that submits
 * them, and the matching thread submits one egress drain per session per batch; an Agrona
 * {@link ManyToOneConcurrentArrayQueue} of fixed capacity takes tasks without garbage. A full queue rejects the task
 * (Netty's {@link java.util.concurrent.RejectedExecutionException}). Any thread may submit.
 * <p>
 * Each loop waits for I/O through its own {@link DurableReplyPoll}: it polls instead of sleeping while the commands
 * it published wait for the journal's force, once {@link #watch} named the gate ({@code net.durablePollMicros}).
 * At the end of every cycle (after its I/O and its tasks) a loop whose thread is a {@link SignalHoldingThread} (see
 * {@link #signalHoldingThreads(String)}) gives the ring signals it held during the cycle.
 */
public final class GatewayEventLoopGroup extends MultiThreadIoEventLoopGroup
{
    /** Tasks one event loop can hold; far above one drain per session per matching batch. */
    public static final int TASK_QUEUE_CAPACITY = 64 * 1024;
    private static final int TAIL_TASK_QUEUE_CAPACITY = 1024;

    /**
     * Produces garbage (control plane). Each loop's I/O handler waits through its own {@link DurableReplyPoll}.
     *
     * @param threads       event loops.
     * @param threadFactory makes their threads.
     * @param transport     epoll or NIO.
     * @param pollBudgetNs  longest time without progress a loop polls for the journal's force; 0 = always sleep.
     */
    public GatewayEventLoopGroup(
        final int threads, final ThreadFactory threadFactory, final GatewayTransport transport, final long pollBudgetNs)
    {
        super(threads, threadFactory, transport.ioHandlerFactory(), transport, pollBudgetNs);
    }

    /**
     * Let every loop poll while the commands it published wait for {@code gate} (control plane, before the gateway
     * starts).
     *
     * @param gate the node's reply gate.
     * @param ring the command ring the loops publish to.
     */
    public void watch(final ReplyGate gate, final Cursored ring)
    {
        for (final io.netty.util.concurrent.EventExecutor loop : this)
        {
            ((PreallocatedIoEventLoop)loop).poll.watch(gate, ring);
        }
    }

    /**
     * @return the polls of every loop so far ({@link DurableReplyPoll#polls()}; each read racily from another
     *         thread, for monitoring).
     */
    public long polls()
    {
        return sum(DurableReplyPoll::polls);
    }

    /**
     * @return the back-offs of every loop so far ({@link DurableReplyPoll#contendedBackoffs()}; read racily).
     */
    public long pollBackoffs()
    {
        return sum(DurableReplyPoll::contendedBackoffs);
    }

    private long sum(final java.util.function.ToLongFunction<DurableReplyPoll> counter)
    {
        long total = 0;
        for (final io.netty.util.concurrent.EventExecutor loop : this)
        {
            total += counter.applyAsLong(((PreallocatedIoEventLoop)loop).poll);
        }
        return total;
    }

    /**
     * @param loop a channel's event loop.
     * @return the loop's poll strategy, or null for a loop of another group.
     */
    public static DurableReplyPoll pollOf(final EventLoop loop)
    {
        return loop instanceof PreallocatedIoEventLoop ? ((PreallocatedIoEventLoop)loop).poll : null;
    }

    /**
     * Produces garbage (control plane).
     *
     * @param prefix of the threads' names.
     * @return a factory of {@link SignalHoldingThread}s for the event loops of this group.
     */
    public static ThreadFactory signalHoldingThreads(final String prefix)
    {
        return new SignalHoldingThreadFactory(prefix);
    }

    @Override
    protected IoEventLoop newChild(
        final Executor executor, final IoHandlerFactory ioHandlerFactory, final Object... args)
    {
        final DurableReplyPoll poll = new DurableReplyPoll((Long)args[1]);
        return new PreallocatedIoEventLoop(
            this, executor, ((GatewayTransport)args[0]).ioHandlerFactory(() -> poll), poll);
    }

    /**
     * One event loop whose task queues are Agrona many-to-one array queues.
     */
    private static final class PreallocatedIoEventLoop extends SingleThreadIoEventLoop
    {
        private final DurableReplyPoll poll;

        PreallocatedIoEventLoop(
            final GatewayEventLoopGroup parent,
            final Executor executor,
            final IoHandlerFactory ioHandlerFactory,
            final DurableReplyPoll poll)
        {
            super(parent, executor, ioHandlerFactory,
                new ManyToOneConcurrentArrayQueue<>(TASK_QUEUE_CAPACITY),
                new ManyToOneConcurrentArrayQueue<>(TAIL_TASK_QUEUE_CAPACITY),
                RejectedExecutionHandlers.reject());
            this.poll = poll;
        }

        @Override
        protected void afterRunningAllTasks()
        {
            super.afterRunningAllTasks();
            final Thread thread = Thread.currentThread();
            if (thread instanceof SignalHoldingThread)
            {
                ((SignalHoldingThread)thread).releaseHeldSignals();
            }
        }
    }

    /**
     * Netty's thread factory (daemon off, normal priority, numbered names) making {@link SignalHoldingThread}s.
     */
    private static final class SignalHoldingThreadFactory extends DefaultThreadFactory
    {
        SignalHoldingThreadFactory(final String prefix)
        {
            super(prefix);
        }

        @Override
        protected Thread newThread(final Runnable r, final String name)
        {
            return new SignalHoldingThread(threadGroup, r, name);
        }
    }
}
