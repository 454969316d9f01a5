package io.arbiter.server.sequencer;

import io.arbiter.engine.Command;
import io.arbiter.server.metrics.StageTimestamps;

/**
 * A producer's staging area for one command: the decoder writes the engine command, the client order id and the
 * gateway's marks here, then {@link CommandRing#tryPublish(IngressCommand)} copies it into a ring slot. The session
 * id, client order id, receive and decode times and trace id live in an embedded {@link StageTimestamps} (the same
 * type, and so the same fields, as the slot's), of which only those gateway fields are ever set. Owned by one
 * producer thread (one per Netty event loop or benchmark producer) and reused for every command.
 */
public final class IngressCommand
{
    private final Command command = new Command();
    private final StageTimestamps marks = new StageTimestamps();
    private long clientTimestampNs;

    /**
     * @return the engine command to fill in; sequence, timestamp, order id and account are set by the matching thread.
     */
    public Command command()
    {
        return command;
    }

    /**
     * @return the gateway's marks and the command's context (session, client order id, trace id), copied whole into
     * the ring slot's {@link CommandEvent#timestamps()}; the matching thread's marks stay
     * {@link StageTimestamps#UNSET}.
     */
    public StageTimestamps marks()
    {
        return marks;
    }

    /**
     * @return id of the sending session.
     */
    public long sessionId()
    {
        return marks.sessionId();
    }

    /**
     * @param sessionId of the sending session.
     * @return this for fluent use.
     */
    public IngressCommand sessionId(final long sessionId)
    {
        marks.sessionId(sessionId);
        return this;
    }

    /**
     * @return the client's order id (new order's for NEW, target's for CANCEL and REPLACE).
     */
    public long clientOrderId()
    {
        return marks.clientOrderId();
    }

    /**
     * @param clientOrderId the client's order id.
     * @return this for fluent use.
     */
    public IngressCommand clientOrderId(final long clientOrderId)
    {
        marks.clientOrderId(clientOrderId);
        return this;
    }

    /**
     * @return receive time, {@code System.nanoTime()}.
     */
    public long receivedNs()
    {
        return marks.receivedNs();
    }

    /**
     * @param receivedNs receive time, {@code System.nanoTime()}.
     * @return this for fluent use.
     */
    public IngressCommand receivedNs(final long receivedNs)
    {
        marks.receivedNs(receivedNs);
        return this;
    }

    /**
     * @return the client's own timestamp from the request, echoed in Accepted and Rejected.
     */
    public long clientTimestampNs()
    {
        return clientTimestampNs;
    }

    /**
     * @param clientTimestampNs the client's own timestamp from the request.
     * @return this for fluent use.
     */
    public IngressCommand clientTimestampNs(final long clientTimestampNs)
    {
        this.clientTimestampNs = clientTimestampNs;
        return this;
    }

    /**
     * @return {@code System.nanoTime()} when decoding and admission were done, just before publishing.
     */
    public long decodedNs()
    {
        return marks.decodedNs();
    }

    /**
     * @param decodedNs {@code System.nanoTime()} when decoding and admission were done.
     * @return this for fluent use.
     */
    public IngressCommand decodedNs(final long decodedNs)
    {
        marks.decodedNs(decodedNs);
        return this;
    }

    /**
     * @return high half of the client's trace id, 0 if none.
     */
    public long traceIdHigh()
    {
        return marks.traceIdHigh();
    }

    /**
     * @return low half of the client's trace id, 0 if none.
     */
    public long traceIdLow()
    {
        return marks.traceIdLow();
    }

    /**
     * @param traceIdHigh high half of the client's trace id, 0 if none.
     * @param traceIdLow  low half of the client's trace id, 0 if none.
     * @return this for fluent use.
     */
    public IngressCommand traceId(final long traceIdHigh, final long traceIdLow)
    {
        marks.traceIdHigh(traceIdHigh).traceIdLow(traceIdLow);
        return this;
    }
}
