package io.arbiter.server.sequencer;

import com.lmax.disruptor.EventTranslator;
import com.lmax.disruptor.EventTranslatorOneArg;

/**
 * The static, non-capturing translators that write {@link CommandEvent}s: publishing through them allocates nothing.
 * Thread safe (stateless).
 */
public final class CommandTranslators
{
    /** Copies a staged engine command into the slot. */
    public static final EventTranslatorOneArg<CommandEvent, IngressCommand> ENGINE_COMMAND =
        CommandTranslators::translateEngineCommand;

    /** Announces a logged-on session to the matching thread. */
    public static final EventTranslatorOneArg<CommandEvent, SessionRegistration> SESSION_OPENED =
        CommandTranslators::translateSessionOpened;

    /** Tells the matching thread a session is gone. */
    public static final EventTranslatorOneArg<CommandEvent, SessionRegistration> SESSION_CLOSED =
        CommandTranslators::translateSessionClosed;

    /** A periodic tick for the matching thread's overload monitor. */
    public static final EventTranslator<CommandEvent> TICK = CommandTranslators::translateTick;

    /** A clock tick: the matching thread injects a TIME command if good-till-date orders are open. */
    public static final EventTranslator<CommandEvent> CLOCK = CommandTranslators::translateClock;

    /** Copies an operator request into a slot. */
    public static final EventTranslatorOneArg<CommandEvent, ControlRequest> CONTROL =
        CommandTranslators::translateControl;

    /** Copies a session's read-only request into a slot. */
    public static final EventTranslatorOneArg<CommandEvent, SessionQuery> QUERY =
        CommandTranslators::translateQuery;

    private CommandTranslators()
    {
    }

    private static void translateEngineCommand(final CommandEvent event, final long sequence, final IngressCommand in)
    {
        event.command().copyFrom(in.command());
        event.timestamps().copyFrom(in.marks());
        // The two reference fields are stored only when they differ: nearly every slot already holds an engine
        // command with no registration, and each reference store pays the collector's write barrier.
        if (event.kind() != EventKind.ENGINE_COMMAND)
        {
            event.kind(EventKind.ENGINE_COMMAND);
        }
        if (event.registration() != null)
        {
            event.registration(null);
        }
        event.clientTimestampNs(in.clientTimestampNs());
    }

    private static void translateSessionOpened(
        final CommandEvent event, final long sequence, final SessionRegistration registration)
    {
        event.kind(EventKind.SESSION_OPENED)
            .sessionId(registration.sessionId())
            .clientOrderId(0)
            .receivedNs(System.nanoTime())
            .registration(registration);
    }

    private static void translateSessionClosed(
        final CommandEvent event, final long sequence, final SessionRegistration registration)
    {
        event.kind(EventKind.SESSION_CLOSED)
            .sessionId(registration.sessionId())
            .clientOrderId(0)
            .receivedNs(System.nanoTime())
            .registration(null);
    }

    private static void translateTick(final CommandEvent event, final long sequence)
    {
        event.kind(EventKind.TICK)
            .sessionId(0)
            .clientOrderId(0)
            .receivedNs(System.nanoTime())
            .registration(null);
    }

    private static void translateClock(final CommandEvent event, final long sequence)
    {
        event.kind(EventKind.CLOCK)
            .sessionId(0)
            .clientOrderId(0)
            .receivedNs(System.nanoTime())
            .registration(null);
    }

    private static void translateQuery(final CommandEvent event, final long sequence, final SessionQuery query)
    {
        event.command().instrumentId(query.instrumentId()).orderId(query.afterOrderId());
        event.kind(EventKind.QUERY)
            .sessionId(query.sessionId())
            .clientOrderId(query.requestId())
            .receivedNs(System.nanoTime())
            .registration(null)
            .query(query.type());
    }

    private static void translateControl(final CommandEvent event, final long sequence, final ControlRequest request)
    {
        event.kind(EventKind.CONTROL)
            .sessionId(0)
            .clientOrderId(0)
            .receivedNs(System.nanoTime())
            .registration(null)
            .control(request);
    }
}
