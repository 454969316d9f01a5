package io.arbiter.server.sequencer;

import io.arbiter.engine.Command;

/**
 * A producer's staging area for one command: the decoder writes the engine command and the client order id here,
 * then {@link CommandRing#tryPublish(IngressCommand)} copies it into a ring slot. Owned by one producer thread (one
 * per Netty event loop or benchmark producer) and reused for every command.
 */
public final class IngressCommand
{
    private final Command command = new Command();
    private long sessionId;
    private long clientOrderId;
    private long receivedNs;
    private long clientTimestampNs;
    private long decodedNs;
    private long traceIdHigh;
    private long traceIdLow;

    /**
     * @return the engine command to fill in; sequence, timestamp, order id and account are set by the matching thread.
     */
    public Command command()
    {
        return command;
    }

    /**
     * @return id of the sending session.
     */
    public long sessionId()
    {
        return sessionId;
    }

    /**
     * @param sessionId of the sending session.
     * @return this for fluent use.
     */
    public IngressCommand sessionId(final long sessionId)
    {
        this.sessionId = sessionId;
        return this;
    }

    /**
     * @return the client's order id (new order's for NEW, target's for CANCEL and REPLACE).
     */
    public long clientOrderId()
    {
        return clientOrderId;
    }

    /**
     * @param clientOrderId the client's order id.
     * @return this for fluent use.
     */
    public IngressCommand clientOrderId(final long clientOrderId)
    {
        this.clientOrderId = clientOrderId;
        return this;
    }

    /**
     * @return receive time, {@code System.nanoTime()}.
     */
    public long receivedNs()
    {
        return receivedNs;
    }

    /**
     * @param receivedNs receive time, {@code System.nanoTime()}.
     * @return this for fluent use.
     */
    public IngressCommand receivedNs(final long receivedNs)
    {
        this.receivedNs = receivedNs;
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
        return decodedNs;
    }

    /**
     * @param decodedNs {@code System.nanoTime()} when decoding and admission were done.
     * @return this for fluent use.
     */
    public IngressCommand decodedNs(final long decodedNs)
    {
        this.decodedNs = decodedNs;
        return this;
    }

    /**
     * @return high half of the client's trace id, 0 if none.
     */
    public long traceIdHigh()
    {
        return traceIdHigh;
    }

    /**
     * @return low half of the client's trace id, 0 if none.
     */
    public long traceIdLow()
    {
        return traceIdLow;
    }

    /**
     * @param traceIdHigh high half of the client's trace id, 0 if none.
     * @param traceIdLow  low half of the client's trace id, 0 if none.
     * @return this for fluent use.
     */
    public IngressCommand traceId(final long traceIdHigh, final long traceIdLow)
    {
        this.traceIdHigh = traceIdHigh;
        this.traceIdLow = traceIdLow;
        return this;
    }
}
