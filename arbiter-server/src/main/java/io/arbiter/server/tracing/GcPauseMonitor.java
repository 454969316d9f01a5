package io.arbiter.server.tracing;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the most recent garbage collections reported by the JVM's {@code GarbageCollectorMXBean} notifications, placed
 * on the {@code System.nanoTime()} axis as [arrival - duration - 10 ms, arrival] (the notification's own times use a
 * different base, and it arrives shortly after the collection), so slow orders can be matched with the collections
 * that overlapped them. Notifications arrive on a JMX thread; queries come from any thread
 * (synchronized, produces garbage). Off the hot path.
 */
public final class GcPauseMonitor implements AutoCloseable
{
    /** One collection. */
    public record GcPause(String collector, String action, String cause, long startNs, long endNs, long durationMs)
    {
    }

    private final GcPause[] recent;
    private static final long NOTIFICATION_DELAY_NS = 10_000_000L;

    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private long count;
    private long maxDurationMs;

    /**
     * @param capacity how many recent collections to keep.
     */
    public GcPauseMonitor(final int capacity)
    {
        recent = new GcPause[capacity];
    }

    /**
     * Starts listening to every collector's notifications.
     *
     * @return this for fluent use.
     */
    public GcPauseMonitor start()
    {
        for (final GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans())
        {
            if (bean instanceof NotificationEmitter)
            {
                final NotificationEmitter emitter = (NotificationEmitter)bean;
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        return this;
    }

    private void onNotification(final Notification notification, final Object handback)
    {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType()))
        {
            final GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData)notification.getUserData());
            final GcInfo gc = info.getGcInfo();
            final long receivedNs = System.nanoTime();
            onPause(new GcPause(info.getGcName(), info.getGcAction(), info.getGcCause(),
                receivedNs - gc.getDuration() * 1_000_000L - NOTIFICATION_DELAY_NS, receivedNs, gc.getDuration()));
        }
    }

    /**
     * Records one collection; called by the notification listener (and by tests).
     *
     * @param pause the collection.
     */
    public synchronized void onPause(final GcPause pause)
    {
        recent[(int)(count++ % recent.length)] = pause;
        maxDurationMs = Math.max(maxDurationMs, pause.durationMs());
    }

    /**
     * @return the longest collection seen since start, in milliseconds (0 if none).
     */
    public synchronized long maxDurationMs()
    {
        return maxDurationMs;
    }

    /**
     * Collections that overlapped an interval, widened by one millisecond each side for the notification's precision.
     * Produces garbage.
     *
     * @param startNs interval start, {@code System.nanoTime()}.
     * @param endNs   interval end, {@code System.nanoTime()}.
     * @return the overlapping collections, oldest first.
     */
    public synchronized List<GcPause> pausesBetween(final long startNs, final long endNs)
    {
        final List<GcPause> result = new ArrayList<>();
        final long slackNs = 1_000_000L;
        final long first = Math.max(0, count - recent.length);
        for (long i = first; i < count; i++)
        {
            final GcPause pause = recent[(int)(i % recent.length)];
            if (pause.startNs() - slackNs <= endNs && pause.endNs() + slackNs >= startNs)
            {
                result.add(pause);
            }
        }
        return result;
    }

    /**
     * @return collections seen since start.
     */
    public synchronized long count()
    {
        return count;
    }

    /**
     * Stops listening.
     */
    @Override
    public void close()
    {
        for (final NotificationEmitter emitter : emitters)
        {
            try
            {
                emitter.removeNotificationListener(listener);
            }
            catch (final ListenerNotFoundException ignore)
            {
                // already removed
            }
        }
        emitters.clear();
    }
}
