package io.arbiter.client;

import io.netty.channel.DefaultEventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test thread drives the timer's runs itself; the period is long enough (16 slices of 100 s) that the scheduled
 * task never runs during a test.
 */
class HeartbeatTimerTest
{
    private static final long PERIOD_NS = TimeUnit.SECONDS.toNanos(1_600);

    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final HeartbeatTimer timer = new HeartbeatTimer(loop, PERIOD_NS);

    @AfterEach
    void tearDown()
    {
        loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
    }

    @Test
    void shouldTickEveryClientExactlyOncePerPeriodSpreadOverTheSlices()
    {
        final int slices = timer.slices();
        assertEquals(HeartbeatTimer.SLICES, slices);
        final List<CountingEntry> entries = addEntries(100);

        int mostInOneRun = 0;
        for (int run = 0; run < slices; run++)
        {
            final long before = totalTicks(entries);
            timer.run();
            mostInOneRun = (int)Math.max(mostInOneRun, totalTicks(entries) - before);
        }

        for (final CountingEntry entry : entries)
        {
            assertEquals(1, entry.ticks, "one tick per period");
        }
        assertEquals((100 + slices - 1) / slices, mostInOneRun, "a period's ticks spread over the slices");
    }

    @Test
    void shouldKeepEachClientsPhaseWhenOthersLeave()
    {
        final int slices = timer.slices();
        final List<CountingEntry> entries = addEntries(40);
        final CountingEntry watched = entries.get(22);
        timer.run();
        final List<Integer> runsOfTicks = new ArrayList<>();
        for (int run = 1; run < 4 * slices; run++)
        {
            if (run % 3 == 0)
            {
                timer.remove(entries.get(run / 3));
            }
            final long before = watched.ticks;
            timer.run();
            if (watched.ticks != before)
            {
                runsOfTicks.add(run);
            }
        }

        final int phase = 22 % slices;
        assertEquals(List.of(phase, phase + slices, phase + 2 * slices, phase + 3 * slices), runsOfTicks,
            "ticked at the same phase of every period");
        assertEquals(40 - (4 * slices - 1) / 3, timer.size());
    }

    @Test
    void shouldSurviveAClientThatLeavesDuringItsOwnTick()
    {
        final List<CountingEntry> entries = addEntries(3 * timer.slices());
        final List<CountingEntry> slotZero = new ArrayList<>();
        for (final CountingEntry entry : entries)
        {
            entry.removeOnTick = entry.slot == 0 && entry.index != 1;
            if (entry.slot == 0)
            {
                slotZero.add(entry);
            }
        }

        timer.run();

        for (final CountingEntry entry : entries)
        {
            assertEquals(slotZero.contains(entry) ? 1 : 0, entry.ticks, "slot 0 ticked once, the others not yet");
        }
        assertEquals(entries.size() - slotZero.size() + 1, timer.size(), "every entry of slot 0 but one left");
    }

    @Test
    void shouldScheduleOnlyWhileItHasClients()
    {
        assertFalse(timer.isScheduled());
        final CountingEntry first = new CountingEntry();
        final CountingEntry second = new CountingEntry();

        timer.add(first);
        timer.add(second);
        assertTrue(timer.isScheduled());
        timer.remove(first);
        timer.remove(first);
        assertTrue(timer.isScheduled(), "removing twice removes once");
        timer.remove(second);
        assertFalse(timer.isScheduled());
        assertEquals(0, timer.size());

        timer.add(first);
        assertTrue(timer.isScheduled());
    }

    private List<CountingEntry> addEntries(final int count)
    {
        final List<CountingEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final CountingEntry entry = new CountingEntry();
            timer.add(entry);
            entries.add(entry);
        }
        return entries;
    }

    private static long totalTicks(final List<CountingEntry> entries)
    {
        return entries.stream().mapToLong(entry -> entry.ticks).sum();
    }

    private final class CountingEntry extends HeartbeatTimer.Entry
    {
        long ticks;
        boolean removeOnTick;

        @Override
        void onTick()
        {
            ticks++;
            if (removeOnTick)
            {
                timer.remove(this);
            }
        }
    }
}
