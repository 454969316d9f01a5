package io.arbiter.marketdata;

import io.netty.channel.Channel;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A request from a subscriber's event loop (or the admin server) to the feed thread, through the
 * {@link MarketDataAgent}'s queue. Control plane: one object per request.
 */
sealed interface FeedRequest
{
    /**
     * Subscribe a connection to some instruments' streams.
     *
     * @param channel   the subscriber's connection.
     * @param requestId the client's id of the request.
     * @param symbols   the instruments.
     * @param depth     levels per side in snapshots, 0 for all.
     * @param book      snapshot plus the sequenced stream.
     * @param trades    public trades.
     * @param topOfBook best bid and ask.
     */
    record Subscribe(
        Channel channel, long requestId, List<String> symbols, int depth, boolean book, boolean trades,
        boolean topOfBook) implements FeedRequest
    {
    }

    /**
     * Stop a connection's subscriptions to some instruments.
     *
     * @param channel   the subscriber's connection.
     * @param requestId the client's id of the request.
     * @param symbols   the instruments.
     */
    record Unsubscribe(Channel channel, long requestId, List<String> symbols) implements FeedRequest
    {
    }

    /**
     * A connection closed.
     *
     * @param channel the subscriber's connection.
     */
    record Closed(Channel channel) implements FeedRequest
    {
    }

    /**
     * The book of an instrument as JSON, for the admin server.
     *
     * @param symbol of the instrument.
     * @param depth  levels per side, 0 for all.
     * @param answer completed by the feed thread with the JSON, or null for an unknown symbol.
     */
    record BookQuery(String symbol, int depth, CompletableFuture<String> answer) implements FeedRequest
    {
    }
}
