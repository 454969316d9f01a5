package io.arbiter.marketdata;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The feed thread's idle strategy: while anyone is subscribed, the serving strategy (spins, yields, then parks that
 * grow from microseconds), so that a subscriber's messages leave right after the commands are durable; while nobody
 * is, one fixed park of {@link #UNWATCHED_PARK_NS} between duty cycles. Unwatched, the feed thread still applies every
 * level change to its books (a subscriber arriving later gets a snapshot consistent with the stream), but it does so
 * in batches: at 10 k requests a second the serving strategy woke it thousands of times a second, which on a 2-core
 * machine cost a fifth of a core (docs/benchmarks.md, "2026-12-06 11:15–11:35 UTC"). The ring from the matching
 * thread holds far more than one park's worth of records, and a request (a subscription, a book query) waits at most
 * one park. Feed thread only.
 */
final class FeedIdleStrategy implements IdleStrategy
{
    /** Park between duty cycles while nobody is subscribed. */
    static final long UNWATCHED_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final BooleanSupplier watched;
    private final IdleStrategy serving;
    private final LongConsumer park;
    private final long unwatchedParkNs;

    /**
     * @param watched         whether anyone is subscribed now (read on the feed thread).
     * @param serving         the strategy while anyone is.
     * @param park            parks the calling thread for the given ns.
     * @param unwatchedParkNs the park while nobody is.
     */
    FeedIdleStrategy(
        final BooleanSupplier watched, final IdleStrategy serving, final LongConsumer park, final long unwatchedParkNs)
    {
        this.watched = watched;
        this.serving = serving;
        this.park = park;
        this.unwatchedParkNs = unwatchedParkNs;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            serving.reset();
            return;
        }
        idle();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void idle()
    {
        if (watched.getAsBoolean())
        {
            serving.idle();
        }
        else
        {
            park.accept(unwatchedParkNs);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void reset()
    {
        serving.reset();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String alias()
    {
        return "feed";
    }
}
