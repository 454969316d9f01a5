package io.arbiter.bench.pipeline;

import com.lmax.disruptor.EventHandler;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.EventKind;
import io.arbiter.server.sequencer.SessionRegistration;
import org.agrona.LangUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;

/**
 * What the queue-based ingresses share: the matching thread is an Agrona {@link Agent} on its own
 * {@link AgentRunner} that drives the matching handler with consecutive sequences, counts what it handed on, and is
 * stopped once everything published has been handled. Subclasses poll their structure in {@link #doWork()}, call
 * {@link #onEvent} per command and {@link #handled(long)} after each drain; the producer side counts
 * {@link #published}.
 */
abstract class AgentIngress implements PipelineIngress, Agent
{
    /** Commands published so far; producer thread only. */
    protected long published;

    private final EventHandler<CommandEvent> handler;
    private final AgentRunner runner;
    private long sequence;
    private volatile long handled;

    AgentIngress(final IdleStrategy idleStrategy, final EventHandler<CommandEvent> handler)
    {
        this.handler = handler;
        this.runner = new AgentRunner(idleStrategy, Throwable::printStackTrace, null, this);
    }

    @Override
    public final void start(final SessionRegistration[] sessions)
    {
        final CommandEvent opened = new CommandEvent();
        for (final SessionRegistration session : sessions)
        {
            opened.kind(EventKind.SESSION_OPENED).sessionId(session.sessionId()).registration(session);
            onEvent(opened, true);
        }
        AgentRunner.startOnThread(runner);
    }

    /**
     * Hand one command to the matching handler (matching thread).
     *
     * @param event      the command.
     * @param endOfBatch true on the last command of a drain.
     */
    protected final void onEvent(final CommandEvent event, final boolean endOfBatch)
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
     * Publish progress to other threads (matching thread, after a drain).
     *
     * @param handledCount commands handed to the handler so far.
     */
    protected final void handled(final long handledCount)
    {
        handled = handledCount;
    }

    @Override
    public final boolean drainAndStop(final long timeoutMs) throws InterruptedException
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
    final long handled()
    {
        return handled;
    }

    @Override
    public final void onStart()
    {
        handler.onStart();
    }

    @Override
    public final void onClose()
    {
        handler.onShutdown();
    }

    @Override
    public final String roleName()
    {
        return "arbiter-matching";
    }
}
