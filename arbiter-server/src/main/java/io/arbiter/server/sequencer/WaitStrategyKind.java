package io.arbiter.server.sequencer;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How the matching thread waits for commands when the ring is empty. {@link #BACKOFF} is the default: on a shared
 * machine with few cores a spinning consumer would take a core from the Netty event loop, and a sleeping one wakes
 * tens of thousands of times a second while idle (measured in docs/benchmarks.md, "Wait strategy").
 */
public enum WaitStrategyKind
{
    /** Spin on the sequence; lowest latency, burns a whole core. For dedicated, isolated cores only. */
    BUSY_SPIN("busy-spin"),
    /** Spin briefly then {@code Thread.yield()}; low latency, still ~100% CPU. */
    YIELDING("yielding"),
    /** Spin, yield, then park ~100 ns at a time; near-zero idle CPU, wakes within a timer slack (~50 µs on Linux). */
    SLEEPING("sleeping"),
    /** Spin 10 µs, yield until 1 ms, then block on a lite lock; producers signal only while it sleeps. */
    BACKOFF("backoff"),
    /** Block on a lock and condition; least CPU, producers always pay for the signal. */
    BLOCKING("blocking"),
    /**
     * Block on a lite lock at once; producers signal only while it sleeps. The node's default for the matching thread
     * and the journal writer: on a shared machine it wakes as fast as {@link #BACKOFF} without keeping a core busy
     * between commands (docs/benchmarks.md, "findings").
     */
    LITE_BLOCKING("lite-blocking"),
    /**
     * Spin {@value #PARK_SPIN_TRIES} times, then park for a fixed period at a time (plus the kernel's timer slack)
     * without a signal, and after a threshold without a command block until a producer signals
     * ({@link SpinParkWaitStrategy}; by default {@value #PARK_NS} ns and {@value #PARK_BLOCK_AFTER_NS} ns). While
     * commands keep coming, producers make no system call and each wake-up takes whatever arrived during the park as
     * one batch, so the wake-ups per second stop following the requests per second; an idle thread stops waking after
     * the threshold.
     */
    PARK("park");

    /** Spins of {@link #PARK} before its first park. */
    public static final int PARK_SPIN_TRIES = 100;
    /** One timed park of {@link #PARK} unless configured, ns. */
    public static final long PARK_NS = 50_000;
    /** Idle time after which {@link #PARK} blocks until signalled unless configured, ns. */
    public static final long PARK_BLOCK_AFTER_NS = 200_000;

    private final String configName;

    WaitStrategyKind(final String configName)
    {
        this.configName = configName;
    }

    /**
     * @return the name used in configuration files and on the command line.
     */
    public String configName()
    {
        return configName;
    }

    /**
     * Produces garbage (control plane).
     *
     * @return a new Disruptor wait strategy of this kind.
     */
    public WaitStrategy newWaitStrategy()
    {
        return newWaitStrategy(PARK_NS, PARK_BLOCK_AFTER_NS);
    }

    /**
     * Produces garbage (control plane).
     *
     * @param parkNs           one timed park of {@link #PARK}; ignored by the other kinds.
     * @param parkBlockAfterNs idle time after which {@link #PARK} blocks until signalled; ignored by the other kinds.
     * @return a new Disruptor wait strategy of this kind.
     */
    public WaitStrategy newWaitStrategy(final long parkNs, final long parkBlockAfterNs)
    {
        switch (this)
        {
            case BUSY_SPIN:
                return new BusySpinWaitStrategy();
            case YIELDING:
                return new YieldingWaitStrategy();
            case SLEEPING:
                return new SleepingWaitStrategy();
            case BACKOFF:
                return PhasedBackoffWaitStrategy.withLiteLock(10, 1000, TimeUnit.MICROSECONDS);
            case LITE_BLOCKING:
                return new LiteBlockingWaitStrategy();
            case PARK:
                return new SpinParkWaitStrategy(PARK_SPIN_TRIES, parkNs, parkBlockAfterNs);
            case BLOCKING:
            default:
                return new BlockingWaitStrategy();
        }
    }

    /**
     * @param name a config name ({@code busy-spin}, {@code yielding}, {@code sleeping}, {@code backoff},
     *             {@code blocking}, {@code lite-blocking}, {@code park}), case-insensitive; the enum constant's name is
     *             accepted too.
     * @return the kind.
     * @throws IllegalArgumentException naming the accepted values if there is no such kind.
     */
    public static WaitStrategyKind parse(final String name)
    {
        final String normalized = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (final WaitStrategyKind kind : values())
        {
            if (kind.configName.equals(normalized))
            {
                return kind;
            }
        }
        throw new IllegalArgumentException(
            "unknown wait strategy '" + name + "', expected one of busy-spin, yielding, sleeping, backoff, blocking, " +
            "lite-blocking, park");
    }
}
