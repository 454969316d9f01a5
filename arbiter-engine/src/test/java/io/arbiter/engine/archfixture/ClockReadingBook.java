package io.arbiter.engine.archfixture;

import org.agrona.concurrent.SystemNanoClock;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A book that breaks every engine rule: it reads clocks, sleeps, draws random numbers, writes to standard out and
 * uses concurrent and security classes. Never used; it exists to be caught.
 */
public final class ClockReadingBook
{
    private final Random random = new Random(42);
    private final Map<Long, Long> orders = new ConcurrentHashMap<>();

    /**
     * @return something nondeterministic.
     * @throws InterruptedException if interrupted while sleeping.
     */
    public long nondeterministic() throws InterruptedException
    {
        Thread.sleep(1);
        final long now = System.nanoTime() + System.currentTimeMillis() + new SystemNanoClock().nanoTime();
        System.out.println(Instant.now());
        orders.put(now, (long)(Math.random() * random.nextInt(10)));
        return now + new SecureRandom().nextLong();
    }
}
