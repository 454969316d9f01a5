package io.arbiter.marketdata;

import io.netty.channel.Channel;

import java.util.ArrayList;
import java.util.List;

/**
 * The feed thread's view of one subscriber connection: its subscriptions and whether it has writes to flush or
 * snapshots owed. Feed thread only.
 */
final class FeedSession
{
    final Channel channel;
    final List<FeedSubscription> subscriptions = new ArrayList<>();
    boolean touched;
    boolean owesSnapshots;
    boolean closed;

    FeedSession(final Channel channel)
    {
        this.channel = channel;
    }

    FeedSubscription find(final InstrumentStream stream)
    {
        for (int i = 0, size = subscriptions.size(); i < size; i++)
        {
            if (subscriptions.get(i).stream == stream)
            {
                return subscriptions.get(i);
            }
        }
        return null;
    }
}
