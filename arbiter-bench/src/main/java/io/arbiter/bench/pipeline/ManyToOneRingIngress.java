package io.arbiter.bench.pipeline;

import com.lmax.disruptor.EventHandler;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.EventKind;
import io.arbiter.server.sequencer.IngressCommand;
import io.arbiter.server.sequencer.SessionRegistration;
import org.agrona.BitUtil;
import org.agrona.LangUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
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
final class ManyToOneRingIngress implements PipelineIngress, Agent, MessageHandler
{
    private static final int MSG_TYPE_COMMANDS = 1;

    private final ManyToOneRingBuffer ring;
    private final EventHandler<CommandEvent> handler;
    private final AgentRunner runner;
    private final CommandEvent event = new CommandEvent();
    private final int readLimit;
    private long sequence;
    private boolean pending;
    private long handledCount;
    private volatile long handled;

    private long published;
    private int claimIndex;
    private int claimOffset;
    private int claimCount;

    ManyToOneRingIngress(final int ringSize, final IdleStrategy idleStrategy, final EventHandler<CommandEvent> handler)
    {
        final int capacity = BitUtil.findNextPositivePowerOfTwo(
            ringSize * (CommandRecordDescriptor.RECORD_LENGTH + RecordDescriptor.HEADER_LENGTH));
        this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
        this.handler = handler;
        this.readLimit = ringSize;
        this.runner = new AgentRunner(idleStrategy, Throwable::printStackTrace, null, this);
    }

    @Override
    public void start(final SessionRegistration[] sessions)
    {
        final CommandEvent opened = new CommandEvent();
        for (final SessionRegistration session : sessions)
        {
            opened.kind(EventKind.SESSION_OPENED).sessionId(session.sessionId()).registration(session);
            onEvent(opened, true);
        }
        AgentRunner.startOnThread(runner);
    }

    private void onEvent(final CommandEvent event, final boolean endOfBatch)
    {
        try
        {
            handler.onEvent(event, sequence++, endOfBatch);
        }
        catch (final Exception ex)
        {
            LangUtil.rethrowUnchecked(ex);
        }
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
    public boolean drainAndStop(final long timeoutMs) throws InterruptedException
    {
        final long deadlineMs = System.currentTimeMillis() + timeoutMs;
        while (handled < published && System.currentTimeMillis() < deadlineMs)
        {
            Thread.sleep(1);
        }
        final boolean drained = handled >= published;
        runner.close();
        return drained;
    }

    /**
     * @return commands handed to the handler so far (any thread).
     */
    long handled()
    {
        return handled;
    }

    @Override
    public int doWork()
    {
        final int messages = ring.read(this, readLimit);
        if (pending)
        {
            pending = false;
            onEvent(event, true);
            handled = handledCount;
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

    @Override
    public void onStart()
    {
        handler.onStart();
    }

    @Override
    public void onClose()
    {
        handler.onShutdown();
    }

    @Override
    public String roleName()
    {
        return "arbiter-matching";
    }
}
