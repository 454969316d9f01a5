package io.arbiter.bench.pipeline;

import com.lmax.disruptor.EventHandler;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.IngressCommand;
import org.agrona.BitUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;

/**
 * Ingress through an Agrona {@link ManyToOneRingBuffer}: the producer copies each command into the ring as a
 * fixed-size record ({@link CommandRecordDescriptor}; a claimed batch is one message of several records), and the
 * matching thread, an {@link Agent}, decodes each record into one reused {@link CommandEvent} and drives the
 * matching handler with {@code endOfBatch} on the last command of each read. Ownership is by copy: nothing the
 * producer holds is shared, so the steady state allocates nothing and needs no pool. One producer thread.
 */
final class ManyToOneRingIngress extends AgentIngress implements MessageHandler
{
    private static final int MSG_TYPE_COMMANDS = 1;

    private final ManyToOneRingBuffer ring;
    private final CommandEvent event = new CommandEvent();
    private final int readLimit;
    private boolean pending;
    private long handledCount;

    private int claimIndex;
    private int claimOffset;
    private int claimCount;

    ManyToOneRingIngress(final int ringSize, final IdleStrategy idleStrategy, final EventHandler<CommandEvent> handler)
    {
        super(idleStrategy, handler);
        final int capacity = BitUtil.findNextPositivePowerOfTwo(
            ringSize * (CommandRecordDescriptor.RECORD_LENGTH + RecordDescriptor.HEADER_LENGTH));
        this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
        this.readLimit = ringSize;
    }

    /**
     * {@inheritDoc}
     * <p>
     * One claim is one message of records, at most an eighth of the ring.
     */
    @Override
    public int maxClaim()
    {
        return ring.maxMsgLength() / CommandRecordDescriptor.RECORD_LENGTH;
    }

    @Override
    public boolean tryPublish(final IngressCommand command)
    {
        final int index = ring.tryClaim(MSG_TYPE_COMMANDS, CommandRecordDescriptor.RECORD_LENGTH);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            return false;
        }
        CommandRecordDescriptor.encode(command, ring.buffer(), index);
        ring.commit(index);
        published++;
        return true;
    }

    @Override
    public boolean tryClaim(final int count)
    {
        final int index = ring.tryClaim(MSG_TYPE_COMMANDS, count * CommandRecordDescriptor.RECORD_LENGTH);
        if (index == RingBuffer.INSUFFICIENT_CAPACITY)
        {
            return false;
        }
        claimIndex = index;
        claimOffset = index;
        claimCount = count;
        return true;
    }

    @Override
    public void put(final IngressCommand command)
    {
        CommandRecordDescriptor.encode(command, ring.buffer(), claimOffset);
        claimOffset += CommandRecordDescriptor.RECORD_LENGTH;
    }

    @Override
    public void commit()
    {
        ring.commit(claimIndex);
        published += claimCount;
    }

    @Override
    public int doWork()
    {
        final int messages = ring.read(this, readLimit);
        if (pending)
        {
            pending = false;
            onEvent(event, true);
            handled(handledCount);
        }
        return messages;
    }

    /**
     * Each record is handed on when the next one is seen (or the read ends), so the last of a read carries
     * {@code endOfBatch}; the event is overwritten only after the handler has returned.
     */
    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        for (int offset = index, end = index + length; offset < end; offset += CommandRecordDescriptor.RECORD_LENGTH)
        {
            if (pending)
            {
                onEvent(event, false);
            }
            CommandRecordDescriptor.decode(buffer, offset, event);
            pending = true;
            handledCount++;
        }
    }
}
