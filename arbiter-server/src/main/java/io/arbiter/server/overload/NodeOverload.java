package io.arbiter.server.overload;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's overload protection assembled from its parts: one {@link AdaptiveMode}, {@link CircuitBreaker} and
 * {@link OverloadMonitor} (matching thread) per node, one {@link OverloadGate} per gateway I/O thread and one
 * {@link DualModeBucket} per session and per account. It is also the node's
 * {@link io.arbiter.server.metrics.OverloadMetricsSource}. Gates and buckets are made on the control plane (connect,
 * logon); the status methods may be called from any thread.
 */
public final class NodeOverload implements io.arbiter.server.metrics.OverloadMetricsSource
{
    private final OverloadContext context;
    private static final String[] TRANSITION_KINDS = transitionKindLabels();
    private final OverloadEvents events;
    private final AdaptiveMode adaptiveMode;
    private final CircuitBreaker breaker;
    private final OverloadMonitor monitor;
    private final Map<Thread, OverloadGate> gatesByThread = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<OverloadGate> gates = new CopyOnWriteArrayList<>();
    private final Map<Long, DualModeBucket> accountBuckets = new ConcurrentHashMap<>();
    private final AtomicLong throttledSessions = new AtomicLong();

    /**
     * Produces garbage (control plane).
     *
     * @param context configuration; validated here.
     */
    public NodeOverload(final OverloadContext context)
    {
        this.context = context.validate();
        events = new OverloadEvents(context.transitionListener());
        adaptiveMode = new AdaptiveMode(context, events);
        breaker = new CircuitBreaker(context, events);
        monitor = new OverloadMonitor(context, adaptiveMode, breaker);
    }

    /**
     * @return the configuration.
     */
    public OverloadContext context()
    {
        return context;
    }

    /**
     * @return the monitor the matching thread drives (matching thread only).
     */
    public OverloadMonitor monitor()
    {
        return monitor;
    }

    /**
     * @return the breaker.
     */
    public CircuitBreaker breaker()
    {
        return breaker;
    }

    /**
     * @return the adaptive mode.
     */
    public AdaptiveMode adaptiveMode()
    {
        return adaptiveMode;
    }

    /**
     * @return transitions by kind.
     */
    public OverloadEvents events()
    {
        return events;
    }

    /**
     * The gate of the calling I/O thread, made on first use (control plane: call at connect, keep the result).
     *
     * @return the calling thread's gate.
     */
    public OverloadGate gateForCurrentThread()
    {
        return gatesByThread.computeIfAbsent(Thread.currentThread(), t -> newGate());
    }

    /**
     * A new gate, for a caller that confines it to one thread at a time itself (the FIX acceptor keeps one per account,
     * used by the account's one session thread); control plane, keep the result.
     *
     * @return a new gate whose counters count in this node's totals.
     */
    public OverloadGate newGate()
    {
        final OverloadGate gate = new OverloadGate(context, adaptiveMode, breaker);
        gates.add(gate);
        return gate;
    }

    /**
     * @return a new session budget when the scope charges sessions, else null (control plane, at logon).
     */
    public DualModeBucket newSessionBucket()
    {
        return context.limitScope().includesSession() ? new DualModeBucket(context) : null;
    }

    /**
     * @param account engine account id.
     * @return the account's budget when the scope charges accounts, else null (control plane, at logon).
     */
    public DualModeBucket accountBucket(final long account)
    {
        return context.limitScope().includesAccount() ?
            accountBuckets.computeIfAbsent(account, a -> new DualModeBucket(context)) : null;
    }

    /**
     * A session became throttled (its last new order was refused by its budget) or stopped being so. Any thread.
     *
     * @param throttled true when it became throttled, false when it recovered or went away while throttled.
     */
    public void onSessionThrottled(final boolean throttled)
    {
        if (throttled)
        {
            throttledSessions.incrementAndGet();
        }
        else
        {
            throttledSessions.decrementAndGet();
        }
    }

    /**
     * @return new orders admitted by all gates.
     */
    public long admitted()
    {
        long sum = 0;
        for (final OverloadGate gate : gates)
        {
            sum += gate.admittedCount();
        }
        return sum;
    }

    /**
     * @return new orders refused THROTTLED by all gates.
     */
    public long throttled()
    {
        long sum = 0;
        for (final OverloadGate gate : gates)
        {
            sum += gate.throttledCount();
        }
        return sum;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int leakyOnly()
    {
        return adaptiveMode.leakyOnly() ? 1 : 0;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String[] transitionKinds()
    {
        return TRANSITION_KINDS.clone();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long transitions(final int kind)
    {
        return events.count(OverloadTransition.get(kind));
    }

    /**
     * @return new orders refused MARKET_PROTECTION by all gates.
     */
    public long breakerRejects()
    {
        long sum = 0;
        for (final OverloadGate gate : gates)
        {
            sum += gate.breakerRejectCount();
        }
        return sum;
    }

    @Override
    public int breakerState()
    {
        switch (breaker.state())
        {
            case CircuitBreaker.OPEN:
                return BREAKER_OPEN;
            case CircuitBreaker.HALF_OPEN:
                return BREAKER_HALF_OPEN;
            default:
                return BREAKER_CLOSED;
        }
    }

    @Override
    public long breakerTrips()
    {
        return events.count(OverloadTransition.BREAKER_OPENED_EXHAUSTION) +
            events.count(OverloadTransition.BREAKER_OPENED_RING) +
            events.count(OverloadTransition.BREAKER_OPENED_DELAY) +
            events.count(OverloadTransition.BREAKER_REOPENED);
    }

    @Override
    public long limiterRejects()
    {
        return throttled() + breakerRejects();
    }

    @Override
    public long throttledSessions()
    {
        return Math.max(0, throttledSessions.get());
    }

    private static String[] transitionKindLabels()
    {
        final String[] labels = new String[OverloadTransition.count()];
        for (int i = 0; i < labels.length; i++)
        {
            labels[i] = OverloadTransition.get(i).name().toLowerCase(java.util.Locale.ROOT);
        }
        return labels;
    }
}
