package io.arbiter.server.overload;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * Counts overload state changes by {@link OverloadTransition} and hands one log line per change to the configured
 * listener. Written by the matching thread only (single writer, ordered stores); any thread may read the counts.
 */
public final class OverloadEvents
{
    private final AtomicLongArray counts = new AtomicLongArray(OverloadTransition.count());
    private final Consumer<String> listener;

    /**
     * @param listener receives one line per transition, on the writing thread.
     */
    public OverloadEvents(final Consumer<String> listener)
    {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Record one transition. Produces garbage (the log line); transitions are rare, never per order.
     *
     * @param transition what changed.
     * @param nowNs      the caller's time.
     * @param reason     why, in words.
     */
    void onTransition(final OverloadTransition transition, final long nowNs, final String reason)
    {
        final int index = transition.ordinal();
        counts.lazySet(index, counts.get(index) + 1);
        listener.accept("overload " + transition.name() + " at " + nowNs + " ns: " + reason);
    }

    /**
     * @param transition a kind of state change.
     * @return how many times it happened.
     */
    public long count(final OverloadTransition transition)
    {
        return counts.get(transition.ordinal());
    }

    /**
     * @return state changes of every kind.
     */
    public long total()
    {
        long total = 0;
        for (int i = 0; i < counts.length(); i++)
        {
            total += counts.get(i);
        }
        return total;
    }
}
