package io.arbiter.engine;

import io.arbiter.engine.book.BookSide;
import io.arbiter.engine.book.LevelStore;
import io.arbiter.engine.book.OrderBook;
import io.arbiter.engine.book.OrderExtras;
import io.arbiter.engine.book.OrderStore;
import io.arbiter.engine.risk.BalanceLedger;
import io.arbiter.engine.risk.OrderHolds;
import io.arbiter.engine.risk.SpotRisk;

/**
 * Walks the spot-risk part of a {@link MatchingEngine}'s state, after the books, into the state hash or a
 * {@link SnapshotListener}: the fees and limits of each instrument with assets by id; every balance, accounts in the
 * order they got their first balance and assets by id; the disabled accounts (an order-independent sum in the hash);
 * then the hold of every open order of an instrument with assets, book by book, bids then asks in priority order,
 * then waiting stops. Runs only if some instrument has assets. Allocates nothing. Owned by the matching thread.
 */
final class RiskStateWalker
{
    private final SpotRisk risk;
    private final OrderStore orders;
    private final LevelStore levels;
    private final OrderExtras extras;
    private final StateHash hash = new StateHash();
    private SnapshotListener listener;

    RiskStateWalker(final SpotRisk risk, final OrderStore orders, final LevelStore levels, final OrderExtras extras)
    {
        this.risk = risk;
        this.orders = orders;
        this.levels = levels;
        this.extras = extras;
    }

    /**
     * @return the hash of the books mixed with the risk state.
     */
    long hash(final long booksHash, final OrderBook[] books)
    {
        listener = null;
        hash.reset().mix(booksHash);
        walk(books);
        return hash.value();
    }

    void snapshot(final OrderBook[] books, final SnapshotListener snapshotListener)
    {
        listener = snapshotListener;
        walk(books);
        listener = null;
    }

    private void walk(final OrderBook[] books)
    {
        for (final OrderBook book : books)
        {
            final int id = book.instrument().id();
            if (risk.isEnabled(id))
            {
                if (listener != null)
                {
                    listener.onRiskSettings(
                        id, risk.makerBps(id), risk.takerBps(id), risk.maxQuantity(id), risk.maxNotional(id));
                }
                else
                {
                    hash.mix(0x215CL).mix(id).mix(risk.makerBps(id)).mix(risk.takerBps(id))
                        .mix(risk.maxQuantity(id)).mix(risk.maxNotional(id));
                }
            }
        }
        final BalanceLedger ledger = risk.ledger();
        for (int index = 0, count = ledger.accountCount(); index < count; index++)
        {
            for (int asset = 0, assets = ledger.assetCount(); asset < assets; asset++)
            {
                final int slot = ledger.slot(index, asset);
                if (listener != null)
                {
                    listener.onBalance(ledger.accountAt(index), asset, ledger.available(slot), ledger.held(slot));
                }
                else
                {
                    hash.mix(ledger.accountAt(index)).mix(asset).mix(ledger.available(slot)).mix(ledger.held(slot));
                }
            }
        }
        if (listener != null)
        {
            ledger.forEachDisabled(listener::onDisabledAccount);
        }
        else
        {
            hash.mix(ledger.disabledHash());
        }
        for (final OrderBook book : books)
        {
            if (risk.isEnabled(book.instrument().id()))
            {
                holds(book.bids());
                holds(book.asks());
                for (int order = book.stopHead(); order != OrderStore.NONE; order = extras.nextStop(order))
                {
                    hold(order);
                }
            }
        }
    }

    private void holds(final BookSide side)
    {
        for (int level = side.best(); level != LevelStore.NONE; level = levels.worse(level))
        {
            for (int order = levels.head(level); order != OrderStore.NONE; order = orders.next(order))
            {
                hold(order);
            }
        }
    }

    private void hold(final int order)
    {
        final OrderHolds holds = risk.holds();
        if (listener != null)
        {
            listener.onOrderHold(orders.orderId(order), holds.amount(order), holds.makerBps(order),
                holds.takerBps(order));
        }
        else
        {
            hash.mix(orders.orderId(order)).mix(holds.amount(order))
                .mix((long)holds.makerBps(order) << 32 | (holds.takerBps(order) & 0xFFFF_FFFFL));
        }
    }
}
