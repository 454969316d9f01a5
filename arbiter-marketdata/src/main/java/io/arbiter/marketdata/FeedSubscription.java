package io.arbiter.marketdata;

/**
 * One connection's subscription to one instrument. Feed thread only.
 */
final class FeedSubscription
{
    final FeedSession session;
    final InstrumentStream stream;
    int depth;
    boolean book;
    boolean trades;
    boolean topOfBook;
    boolean needsSnapshot;
    boolean needsTop;

    FeedSubscription(final FeedSession session, final InstrumentStream stream)
    {
        this.session = session;
        this.stream = stream;
    }
}
