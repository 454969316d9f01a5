package io.arbiter.server.gateway;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.NanoClock;

import java.util.concurrent.TimeUnit;

/**
 * The session timers of one event loop (an order's release from its hold, the end of a read pause): an Agrona
 * {@link DeadlineTimerWheel} polled by one periodic task of that loop. Scheduling and expiring a timer allocate
 * nothing (the wheel and the id map grow only to their high-water mark); the periodic task stops after
 * {@link #IDLE_TICKS_BEFORE_STOP} empty ticks and restarting it allocates one Netty task, so there is one allocation
 * per busy period, not per timer. Event loop thread only.
 */
final class GatewayTimer implements DeadlineTimerWheel.TimerHandler, Runnable
{
    /**
     * Tick of the wheel and delay between runs of the polling task (2^18 ns, about 0.26 ms): a timer fires about
     * this late, later when the event loop is busy.
     */
    static final long TICK_NS = 1L << 18;
    /** Empty ticks (about 0.27 s) after which the polling task stops until the next timer. */
    static final int IDLE_TICKS_BEFORE_STOP = 1024;
    /** Returned instead of a timer id when none is armed. */
    static final long NO_TIMER = -1;
    private static final int TICKS_PER_WHEEL = 1024;

    /**
     * What a timer calls when it expires.
     */
    interface Listener
    {
        /**
         * The timer this listener armed has expired; it is no longer armed.
         *
         * @param nowNs the time of the poll that found it expired.
         */
        void onTimer(long nowNs);
    }

    private final EventExecutor executor;
    private final NanoClock clock;
    private final DeadlineTimerWheel wheel;
    private final Long2ObjectHashMap<Listener> listeners = new Long2ObjectHashMap<>();
    private ScheduledFuture<?> ticker;
    private int idleTicks;
    private long tickerStarts;

    /**
     * Produces garbage (control plane, one per event loop).
     *
     * @param executor the event loop whose thread alone uses this timer; null to drive {@link #onTick(long)} by hand
     *                 (tests).
     * @param clock    the time source of the gateway.
     */
    GatewayTimer(final EventExecutor executor, final NanoClock clock)
    {
        this.executor = executor;
        this.clock = clock;
        this.wheel = new DeadlineTimerWheel(TimeUnit.NANOSECONDS, clock.nanoTime(), TICK_NS, TICKS_PER_WHEEL);
    }

    /**
     * Arm a timer.
     *
     * @param deadlineNs when it expires (clock time); a deadline already passed expires on the next tick.
     * @param listener   called once on expiry unless cancelled first.
     * @return the timer id, for {@link #cancel(long, Listener)}.
     */
    long schedule(final long deadlineNs, final Listener listener)
    {
        if (wheel.timerCount() == 0)
        {
            wheel.resetStartTime(Math.min(deadlineNs, clock.nanoTime()));
        }
        final long timerId = wheel.scheduleTimer(deadlineNs);
        listeners.put(timerId, listener);
        idleTicks = 0;
        if (ticker == null && executor != null)
        {
            tickerStarts++;
            ticker = executor.scheduleWithFixedDelay(this, TICK_NS, TICK_NS, TimeUnit.NANOSECONDS);
        }
        return timerId;
    }

    /**
     * Disarm a timer that has not expired yet. Ids are reused after expiry, so only the listener that armed it may
     * cancel it.
     *
     * @param timerId  from {@link #schedule(long, Listener)}.
     * @param listener the one that armed it.
     */
    void cancel(final long timerId, final Listener listener)
    {
        if (listeners.get(timerId) == listener)
        {
            listeners.remove(timerId);
            wheel.cancelTimer(timerId);
        }
    }

    /**
     * @return timers armed.
     */
    long timerCount()
    {
        return wheel.timerCount();
    }

    /**
     * @return how often the polling task was started (each start allocates one Netty task).
     */
    long tickerStarts()
    {
        return tickerStarts;
    }

    @Override
    public void run()
    {
        onTick(clock.nanoTime());
    }

    /**
     * Expire every timer due by {@code nowNs}; stop the polling task after a long idle spell.
     *
     * @param nowNs the time.
     */
    void onTick(final long nowNs)
    {
        if (wheel.timerCount() == 0)
        {
            if (++idleTicks >= IDLE_TICKS_BEFORE_STOP && ticker != null)
            {
                ticker.cancel(false);
                ticker = null;
            }
            return;
        }
        idleTicks = 0;
        do
        {
            wheel.poll(nowNs, this, Integer.MAX_VALUE);
        }
        while (wheel.timerCount() > 0 && nowNs >= wheel.currentTickTime());
        if (wheel.timerCount() > 0)
        {
            wheel.poll(nowNs, this, Integer.MAX_VALUE);
        }
    }

    @Override
    public boolean onTimerExpiry(final TimeUnit timeUnit, final long now, final long timerId)
    {
        final Listener listener = listeners.remove(timerId);
        if (listener != null)
        {
            listener.onTimer(now);
        }
        return true;
    }
}
