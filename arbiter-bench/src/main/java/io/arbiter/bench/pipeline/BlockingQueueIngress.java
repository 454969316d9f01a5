package io.arbiter.bench.pipeline;

import com.lmax.disruptor.EventHandler;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.CommandTranslators;
import io.arbiter.server.sequencer.IngressCommand;
import org.agrona.BitUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Ingress through an {@link ArrayBlockingQueue} of capacity C carrying events from a preallocated pool of at least
 * 2C + 1; the matching thread, an {@link Agent}, drains at most C at a time and drives the matching handler
 * with {@code endOfBatch} on the last. One producer thread. The producer writes pool slot k (k-th command) only after
 * offer k - 1 succeeded, i.e. after the consumer had removed command k - C - 1 under the queue's lock; as a drain takes
 * at most C, that removal was a later drain than the one holding command k - 2C - 1 (the slot's previous user), which
 * the consumer had therefore finished, and the lock orders its reads before the producer's writes.
 */
final class BlockingQueueIngress extends AgentIngress
{
    private final ArrayBlockingQueue<CommandEvent> queue;
    private final CommandEvent[] pool;
    private final int poolMask;
    private final ArrayList<CommandEvent> drained;
    private final int capacity;
    private long handledCount;

    BlockingQueueIngress(final int capacity, final IdleStrategy idleStrategy, final EventHandler<CommandEvent> handler)
    {
        super(idleStrategy, handler);
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.pool = new CommandEvent[BitUtil.findNextPositivePowerOfTwo(2 * capacity + 1)];
        for (int i = 0; i < pool.length; i++)
        {
            pool[i] = new CommandEvent();
        }
        this.poolMask = pool.length - 1;
        this.drained = new ArrayList<>(capacity);
    }

    @Override
    public int maxClaim()
    {
        return capacity;
    }

    @Override
    public boolean tryPublish(final IngressCommand command)
    {
        final CommandEvent event = pool[(int)published & poolMask];
        CommandTranslators.ENGINE_COMMAND.translateTo(event, published, command);
        if (!queue.offer(event))
        {
            return false;
        }
        published++;
        return true;
    }

    @Override
    public boolean tryClaim(final int count)
    {
        return queue.remainingCapacity() >= count;
    }

    @Override
    public void put(final IngressCommand command)
    {
        if (!tryPublish(command))
        {
            throw new IllegalStateException("queue full after a successful claim: more than one producer?");
        }
    }

    @Override
    public void commit()
    {
    }

    @Override
    public int doWork()
    {
        final int count = queue.drainTo(drained, capacity);
        for (int i = 0; i < count; i++)
        {
            onEvent(drained.get(i), i == count - 1);
        }
        drained.clear();
        if (count > 0)
        {
            handledCount += count;
            handled(handledCount);
        }
        return count;
    }
}
