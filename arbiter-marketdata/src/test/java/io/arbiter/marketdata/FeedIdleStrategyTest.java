package io.arbiter.marketdata;

import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The feed thread idles by its serving strategy while anyone is subscribed, and by one fixed park while nobody is.
 */
class FeedIdleStrategyTest
{
    private final List<String> calls = new ArrayList<>();
    private boolean watched;
    private final IdleStrategy serving = new IdleStrategy()
    {
        @Override
        public void idle(final int workCount)
        {
            calls.add("serving.idle(" + workCount + ")");
        }

        @Override
        public void idle()
        {
            calls.add("serving.idle");
        }

        @Override
        public void reset()
        {
            calls.add("serving.reset");
        }
    };
    private final FeedIdleStrategy strategy =
        new FeedIdleStrategy(() -> watched, serving, nanos -> calls.add("park " + nanos), 1_000_000L);

    @Test
    void shouldParkTheFixedTimeWhileNobodyIsSubscribed()
    {
        strategy.idle(0);
        strategy.idle();
        assertEquals(List.of("park 1000000", "park 1000000"), calls);
    }

    @Test
    void shouldBackOffByTheServingStrategyWhileAnyoneIsSubscribed()
    {
        watched = true;
        strategy.idle(0);
        strategy.idle(0);
        assertEquals(List.of("serving.idle", "serving.idle"), calls);
    }

    @Test
    void shouldRestartTheServingBackOffAfterWork()
    {
        watched = true;
        strategy.idle(0);
        strategy.idle(3);
        watched = false;
        strategy.idle(2);
        strategy.idle(0);
        assertEquals(List.of("serving.idle", "serving.reset", "serving.reset", "park 1000000"), calls);
    }
}
