package io.arbiter.server.overload;

import java.util.ArrayList;
import java.util.List;

/**
 * The overload components wired together the way the node wires them, with a recording transition listener.
 */
final class OverloadFixture
{
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;

    final List<String> log = new ArrayList<>();
    final OverloadContext context;
    final OverloadEvents events;
    final AdaptiveMode adaptiveMode;
    final CircuitBreaker breaker;
    final OverloadMonitor monitor;
    final OverloadGate gate;

    OverloadFixture(final OverloadContext context)
    {
        this.context = context.transitionListener(log::add).validate();
        events = new OverloadEvents(context.transitionListener());
        adaptiveMode = new AdaptiveMode(context, events);
        breaker = new CircuitBreaker(context, events);
        monitor = new OverloadMonitor(context, adaptiveMode, breaker);
        gate = new OverloadGate(context, adaptiveMode, breaker);
    }

    DualModeBucket newBucket()
    {
        return new DualModeBucket(context);
    }

    long logged(final OverloadTransition transition)
    {
        return log.stream().filter((line) -> line.startsWith("overload " + transition.name() + " ")).count();
    }
}
