package io.arbiter.fix;

import io.arbiter.client.MarketDataClient;
import io.arbiter.engine.Side;
import io.arbiter.marketdata.LevelBook;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.field.MDEntryID;
import quickfix.field.MDEntryPx;
import quickfix.field.MDEntrySize;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDReqRejReason;
import quickfix.field.MDUpdateAction;
import quickfix.field.MDUpdateType;
import quickfix.field.MarketDepth;
import quickfix.field.NoMDEntries;
import quickfix.field.NoMDEntryTypes;
import quickfix.field.NoRelatedSym;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.field.Text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * FIX market data from the node's own market-data feed ({@link MarketDataClient} on loopback, the same durable,
 * sequenced stream any subscriber gets). Nothing is done per feed event while no FIX session wants an instrument:
 * the feed connection subscribes to an instrument only at the first MarketDataRequest (V) naming it, and the FIX layer
 * keeps its copy of an instrument's book only while a FIX session subscribes to its levels (a request for an
 * instrument whose copy is not kept asks the feed for a fresh snapshot and is answered once it arrived; requests are
 * answered in the order they came). A request is answered with a MarketDataSnapshotFullRefresh (W) per symbol,
 * then, for a subscription, MarketDataIncrementalRefresh (X) messages with every level that changed and every public
 * trade; an unknown symbol gets a MarketDataRequestReject (Y). The feed's I/O thread and the sessions' threads take
 * this object's lock. Produces garbage (FIX messages and the book copies).
 */
final class FixMarketData implements MarketDataClient.Listener, AutoCloseable
{
    private static final char BID = '0';
    private static final char OFFER = '1';
    private static final char TRADE = '2';

    /** One session's subscription to one symbol. */
    private static final class Subscription
    {
        final String mdReqId;
        final boolean book;
        final boolean trades;

        Subscription(final String mdReqId, final boolean book, final boolean trades)
        {
            this.mdReqId = mdReqId;
            this.book = book;
            this.trades = trades;
        }
    }

    /** The FIX layer's copy of one instrument's public book. */
    private static final class Book
    {
        final NavigableMap<Long, Long> bids = new TreeMap<>((a, b) -> Long.compare(b, a));
        final NavigableMap<Long, Long> offers = new TreeMap<>();
        /** A fresh snapshot was asked of the feed for a waiting request. */
        boolean wanted;
        /** The copy is in step with the feed (kept only while a session subscribes to the levels). */
        boolean synced;
    }

    /** A request waiting for the feed's snapshot of an instrument it names. */
    private static final class PendingRequest
    {
        final SessionID sessionId;
        final Message request;

        PendingRequest(final SessionID sessionId, final Message request)
        {
            this.sessionId = sessionId;
            this.request = request;
        }
    }

    private final Map<String, Book> books = new HashMap<>();
    private final Map<String, Map<SessionID, Subscription>> subscriptions = new HashMap<>();
    private final ArrayDeque<PendingRequest> pending = new ArrayDeque<>();
    private MarketDataClient client;

    /**
     * Produces garbage (control plane).
     *
     * @param symbols every instrument of the node.
     */
    FixMarketData(final List<String> symbols)
    {
        for (final String symbol : symbols)
        {
            books.put(symbol, new Book());
            subscriptions.put(symbol, new HashMap<>());
        }
    }

    /**
     * Connect to the node's feed, subscribing to nothing yet (control plane).
     *
     * @param host address the feed listens on.
     * @param port the feed's port.
     * @throws InterruptedException if interrupted while connecting.
     */
    void start(final String host, final int port) throws InterruptedException
    {
        client = MarketDataClient.connect(host, port, this);
    }

    @Override
    public void close()
    {
        if (client != null)
        {
            client.close();
        }
    }

    /**
     * A MarketDataRequest of a session (the session's thread): answered now, or once the feed's snapshots came.
     *
     * @param sessionId the session.
     * @param request   the request.
     * @throws FieldNotFound if a required field is missing.
     */
    synchronized void onRequest(final SessionID sessionId, final Message request) throws FieldNotFound
    {
        if (pending.isEmpty() && ready(request))
        {
            answer(sessionId, request);
            return;
        }
        pending.add(new PendingRequest(sessionId, request));
    }

    /**
     * @return true if every configured instrument the request names has its book copy in step with the feed (or the
     *         request stops updates); otherwise the feed is asked for the missing snapshots.
     */
    private boolean ready(final Message request) throws FieldNotFound
    {
        if (request.getChar(SubscriptionRequestType.FIELD) == '2')
        {
            return true;
        }
        boolean ready = true;
        for (final Group group : request.getGroups(NoRelatedSym.FIELD))
        {
            final String symbol = group.getString(Symbol.FIELD);
            final Book book = books.get(symbol);
            if (book != null && !book.synced)
            {
                ready = false;
                if (!book.wanted && client != null)
                {
                    // a first subscription, or again for a fresh snapshot (the copy was dropped meanwhile)
                    client.subscribe(List.of(symbol), 0, false);
                    book.wanted = true;
                }
            }
        }
        return ready;
    }

    private void answer(final SessionID sessionId, final Message request) throws FieldNotFound
    {
        final String mdReqId = request.getString(MDReqID.FIELD);
        final char type = request.getChar(SubscriptionRequestType.FIELD);
        final int depth = request.getInt(MarketDepth.FIELD);
        boolean wantsBook = false;
        boolean wantsTrades = false;
        for (final Group group : request.getGroups(NoMDEntryTypes.FIELD))
        {
            final char entryType = group.getChar(MDEntryType.FIELD);
            wantsBook |= entryType == BID || entryType == OFFER;
            wantsTrades |= entryType == TRADE;
        }
        if (type == '1' && request.isSetField(MDUpdateType.FIELD) && request.getInt(MDUpdateType.FIELD) != 1)
        {
            reject(sessionId, mdReqId, '5', "only incremental refresh (MDUpdateType 1) is supported");
            return;
        }
        if (!wantsBook && !wantsTrades && type != '2')
        {
            reject(sessionId, mdReqId, '8', "MDEntryType must include 0 (bid), 1 (offer) or 2 (trade)");
            return;
        }
        for (final Group group : request.getGroups(NoRelatedSym.FIELD))
        {
            final String symbol = group.getString(Symbol.FIELD);
            final Book book = books.get(symbol);
            if (book == null)
            {
                reject(sessionId, mdReqId, '0', "unknown symbol " + symbol);
                continue;
            }
            if (type == '2')
            {
                subscriptions.get(symbol).remove(sessionId);
                continue;
            }
            send(sessionId, snapshot(mdReqId, symbol, book, depth, wantsBook));
            if (type == '1')
            {
                subscriptions.get(symbol).put(sessionId, new Subscription(mdReqId, wantsBook, wantsTrades));
            }
        }
        for (final Group group : request.getGroups(NoRelatedSym.FIELD))
        {
            dropCopyIfUnwanted(group.getString(Symbol.FIELD));
        }
    }

    /**
     * Answer the waiting requests that can be answered now, in the order they came (feed I/O thread).
     */
    private void answerPending()
    {
        try
        {
            while (!pending.isEmpty() && ready(pending.peek().request))
            {
                final PendingRequest next = pending.poll();
                answer(next.sessionId, next.request);
            }
        }
        catch (final FieldNotFound ex)
        {
            // the dictionary validated the request before it was queued: cannot happen; drop it rather than loop
            pending.poll();
        }
    }

    /**
     * Stop keeping a book copy no session subscribes to the levels of: feed events of it then cost nothing here.
     */
    private void dropCopyIfUnwanted(final String symbol)
    {
        final Book book = books.get(symbol);
        if (book == null || !book.synced)
        {
            return;
        }
        for (final Subscription subscription : subscriptions.get(symbol).values())
        {
            if (subscription.book)
            {
                return;
            }
        }
        book.synced = false;
        book.bids.clear();
        book.offers.clear();
    }

    /**
     * The session logged out: drop its subscriptions (FIX input thread).
     *
     * @param sessionId the session.
     */
    synchronized void unsubscribeAll(final SessionID sessionId)
    {
        for (final Map.Entry<String, Map<SessionID, Subscription>> bySymbol : subscriptions.entrySet())
        {
            if (bySymbol.getValue().remove(sessionId) != null)
            {
                dropCopyIfUnwanted(bySymbol.getKey());
            }
        }
        pending.removeIf(request -> request.sessionId.equals(sessionId));
    }

    @Override
    public synchronized void onBook(
        final String symbol, final LevelBook levels, final long sequence, final boolean snapshot)
    {
        final Book book = books.get(symbol);
        if (book == null)
        {
            return;
        }
        if (!book.synced)
        {
            if (book.wanted)
            {
                // the snapshot a waiting request asked for (or an update before it: the client's book is whole)
                diff(book.bids, levels, Side.BUY, BID, new ArrayList<>());
                diff(book.offers, levels, Side.SELL, OFFER, new ArrayList<>());
                book.synced = true;
                book.wanted = false;
                answerPending();
                dropCopyIfUnwanted(symbol);
            }
            return;
        }
        final List<long[]> changes = new ArrayList<>();
        diff(book.bids, levels, Side.BUY, BID, changes);
        diff(book.offers, levels, Side.SELL, OFFER, changes);
        if (changes.isEmpty())
        {
            return;
        }
        for (final Map.Entry<SessionID, Subscription> entry : subscriptions.get(symbol).entrySet())
        {
            if (entry.getValue().book)
            {
                final Message update = new quickfix.fix44.MarketDataIncrementalRefresh();
                update.setString(MDReqID.FIELD, entry.getValue().mdReqId);
                for (final long[] change : changes)
                {
                    final Group group = new quickfix.fix44.MarketDataIncrementalRefresh.NoMDEntries();
                    group.setChar(MDUpdateAction.FIELD, (char)change[0]);
                    group.setChar(MDEntryType.FIELD, (char)change[1]);
                    group.setString(Symbol.FIELD, symbol);
                    group.setString(MDEntryPx.FIELD, FixDecimals.formatPrice(change[2]));
                    if (change[0] != '2')
                    {
                        group.setString(MDEntrySize.FIELD, Long.toString(change[3]));
                    }
                    update.addGroup(group);
                }
                send(entry.getKey(), update);
            }
        }
    }

    @Override
    public synchronized void onTrade(
        final String symbol, final long tradeId, final long price, final long quantity, final Side aggressorSide,
        final long timestampNs)
    {
        final Map<SessionID, Subscription> bySymbol = subscriptions.get(symbol);
        if (bySymbol == null || bySymbol.isEmpty())
        {
            return;
        }
        for (final Map.Entry<SessionID, Subscription> entry : bySymbol.entrySet())
        {
            if (entry.getValue().trades)
            {
                final Message update = new quickfix.fix44.MarketDataIncrementalRefresh();
                update.setString(MDReqID.FIELD, entry.getValue().mdReqId);
                final Group group = new quickfix.fix44.MarketDataIncrementalRefresh.NoMDEntries();
                group.setChar(MDUpdateAction.FIELD, '0');
                group.setChar(MDEntryType.FIELD, TRADE);
                group.setString(MDEntryID.FIELD, Long.toString(tradeId));
                group.setString(Symbol.FIELD, symbol);
                group.setString(MDEntryPx.FIELD, FixDecimals.formatPrice(price));
                group.setString(MDEntrySize.FIELD, Long.toString(quantity));
                update.addGroup(group);
                send(entry.getKey(), update);
            }
        }
    }

    /**
     * Bring {@code side} in step with the feed's book, listing each change as {action, entry type, price, size}.
     */
    private static void diff(
        final NavigableMap<Long, Long> side,
        final LevelBook levels,
        final Side engineSide,
        final char entryType,
        final List<long[]> changes)
    {
        final Map<Long, Long> now = new HashMap<>();
        for (int rank = 0; rank < levels.depth(engineSide); rank++)
        {
            now.put(levels.price(engineSide, rank), levels.quantity(engineSide, rank));
        }
        final Iterator<Map.Entry<Long, Long>> existing = side.entrySet().iterator();
        while (existing.hasNext())
        {
            final Map.Entry<Long, Long> level = existing.next();
            if (!now.containsKey(level.getKey()))
            {
                changes.add(new long[] {'2', entryType, level.getKey(), 0});
                existing.remove();
            }
        }
        for (final Map.Entry<Long, Long> level : now.entrySet())
        {
            final Long before = side.put(level.getKey(), level.getValue());
            if (before == null)
            {
                changes.add(new long[] {'0', entryType, level.getKey(), level.getValue()});
            }
            else if (!before.equals(level.getValue()))
            {
                changes.add(new long[] {'1', entryType, level.getKey(), level.getValue()});
            }
        }
    }

    private static Message snapshot(
        final String mdReqId, final String symbol, final Book book, final int depth, final boolean withBook)
    {
        final Message snapshot = new quickfix.fix44.MarketDataSnapshotFullRefresh();
        snapshot.setString(MDReqID.FIELD, mdReqId);
        snapshot.setString(Symbol.FIELD, symbol);
        if (withBook)
        {
            addLevels(snapshot, book.bids, BID, depth);
            addLevels(snapshot, book.offers, OFFER, depth);
        }
        if (!snapshot.hasGroup(NoMDEntries.FIELD))
        {
            snapshot.setInt(NoMDEntries.FIELD, 0);
        }
        return snapshot;
    }

    private static void addLevels(
        final Message snapshot, final NavigableMap<Long, Long> side, final char entryType, final int depth)
    {
        int rank = 0;
        for (final Map.Entry<Long, Long> level : side.entrySet())
        {
            if (depth > 0 && rank++ >= depth)
            {
                break;
            }
            final Group group = new quickfix.fix44.MarketDataSnapshotFullRefresh.NoMDEntries();
            group.setChar(MDEntryType.FIELD, entryType);
            group.setString(MDEntryPx.FIELD, FixDecimals.formatPrice(level.getKey()));
            group.setString(MDEntrySize.FIELD, Long.toString(level.getValue()));
            snapshot.addGroup(group);
        }
    }

    private static void reject(final SessionID sessionId, final String mdReqId, final char reason, final String text)
    {
        final Message reject = new quickfix.fix44.MarketDataRequestReject();
        reject.setString(MDReqID.FIELD, mdReqId);
        reject.setChar(MDReqRejReason.FIELD, reason);
        reject.setString(Text.FIELD, text);
        send(sessionId, reject);
    }

    private static void send(final SessionID sessionId, final Message message)
    {
        FixMessages.send(sessionId, message);
    }
}
