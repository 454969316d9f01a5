package io.arbiter.server.sequencer;

import com.lmax.disruptor.EventFactory;
import io.arbiter.engine.Command;
import io.arbiter.server.metrics.StageTimestamps;

/**
 * One preallocated slot of the command ring: an engine {@link Command} plus the session it came from, the client's
 * order id, the time the gateway received it and its {@link EventKind}. The session id, client order id and receive
 * time live in the embedded {@link StageTimestamps} (their one home; the accessors here read and write it).
 * Producers write it inside a translator; the matching thread reads and stamps it. Never kept beyond one
 * {@code onEvent} call.
 */
public final class CommandEvent
{
    /** Fills the ring at start. */
    public static final EventFactory<CommandEvent> FACTORY = CommandEvent::new;

    private final Command command = new Command();
    private final StageTimestamps timestamps = new StageTimestamps();
    private EventKind kind = EventKind.ENGINE_COMMAND;
    private long clientTimestampNs;
    private SessionRegistration registration;
    private ControlRequest control;
    private SessionQuery.Type query;

    /**
     * @return the engine command, mutated in place.
     */
    public Command command()
    {
        return command;
    }

    /**
     * @return what this event carries.
     */
    public EventKind kind()
    {
        return kind;
    }

    /**
     * @param kind what this event carries.
     * @return this for fluent use.
     */
    public CommandEvent kind(final EventKind kind)
    {
        this.kind = kind;
        return this;
    }

    /**
     * @return id of the session that sent it.
     */
    public long sessionId()
    {
        return timestamps.sessionId();
    }

    /**
     * @param sessionId of the session that sent it.
     * @return this for fluent use.
     */
    public CommandEvent sessionId(final long sessionId)
    {
        timestamps.sessionId(sessionId);
        return this;
    }

    /**
     * @return the client's order id: the new order's for NEW, the target order's for CANCEL and REPLACE.
     */
    public long clientOrderId()
    {
        return timestamps.clientOrderId();
    }

    /**
     * @param clientOrderId the client's order id.
     * @return this for fluent use.
     */
    public CommandEvent clientOrderId(final long clientOrderId)
    {
        timestamps.clientOrderId(clientOrderId);
        return this;
    }

    /**
     * @return {@code System.nanoTime()} when the gateway received the command.
     */
    public long receivedNs()
    {
        return timestamps.receivedNs();
    }

    /**
     * @param receivedNs {@code System.nanoTime()} when the gateway received the command.
     * @return this for fluent use.
     */
    public CommandEvent receivedNs(final long receivedNs)
    {
        timestamps.receivedNs(receivedNs);
        return this;
    }

    /**
     * @return the session of a {@link EventKind#SESSION_OPENED} event, else null.
     */
    public SessionRegistration registration()
    {
        return registration;
    }

    /**
     * @param registration the session of a {@link EventKind#SESSION_OPENED} event, else null.
     * @return this for fluent use.
     */
    public CommandEvent registration(final SessionRegistration registration)
    {
        this.registration = registration;
        return this;
    }

    /**
     * @return the request of a {@link EventKind#CONTROL} event, else null.
     */
    public ControlRequest control()
    {
        return control;
    }

    /**
     * @param control the request of a {@link EventKind#CONTROL} event, else null.
     * @return this for fluent use.
     */
    public CommandEvent control(final ControlRequest control)
    {
        this.control = control;
        return this;
    }

    /**
     * @return what a {@link EventKind#QUERY} event asks for, else null.
     */
    public SessionQuery.Type query()
    {
        return query;
    }

    /**
     * @param query what a {@link EventKind#QUERY} event asks for, else null.
     * @return this for fluent use.
     */
    public CommandEvent query(final SessionQuery.Type query)
    {
        this.query = query;
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
    public CommandEvent clientTimestampNs(final long clientTimestampNs)
    {
        this.clientTimestampNs = clientTimestampNs;
        return this;
    }

    /**
     * @return the command's stage marks, embedded in the slot: reset and filled by the translator, completed by the
     * matching thread.
     */
    public StageTimestamps timestamps()
    {
        return timestamps;
    }
}
