package io.arbiter.server.matching;

import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.journal.JournalDescriptor;
import io.arbiter.journal.RecoveryListener;
import io.arbiter.server.egress.RejectCode;
import io.arbiter.server.sequencer.SessionRegistration;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;

import java.util.Arrays;

/**
 * Who owns which order: the live sessions by id, each open order's owning session and client order id, the open-order
 * count of each account, and the orders no live session owns, parked with their account. The node's checks that
 * depend on ownership (duplicate client order id, open-order limit, unknown client order id) are answered here.
 * <p>
 * Orders no live session owns (recovered at start-up, where this class is the {@link RecoveryListener}, or left open
 * by a session that ended without cancel-on-disconnect) are parked with their account; the next session of that
 * account to log on adopts them: it receives their reports and addresses them by the client order ids they were
 * entered with. Single writer: the matching thread after start (the recovering thread before). Steady state allocates
 * nothing (maps are presized; they grow only beyond their sizing).
 * <p>
 * Each open order's owner and client order id are one record of an {@link OrderOwnerTable}, keyed by exchange order
 * id; the owner is named there by an {@code int} handle into an array of session states, taken when a state first owns
 * an order and given back when a closed or parked state owns none, so recording or moving an owner stores no object
 * reference.
 */
public final class OrderOwnership implements RecoveryListener
{
    /** The value of an absent order id in the maps. */
    static final long NO_ORDER = SessionState.NO_ORDER;

    /**
     * Open orders a new session's map holds before it first grows. Small, so an idle session costs about 1 KiB here
     * (it was presized for 1,024 orders: 64 KiB per session); a session with more open orders grows its map on the
     * matching thread, an allocation once per doubling up to its high-water mark.
     */
    static final int INITIAL_OPEN_ORDERS_PER_SESSION = 16;

    private final int maxOpenOrdersPerAccount;
    private final int expectedOpenOrdersPerSession;
    private final Long2ObjectHashMap<SessionState> sessionsById = new Long2ObjectHashMap<>();
    private final OrderOwnerTable ownersByExchangeId;
    private SessionState[] ownersByHandle = new SessionState[16];
    private int[] freeHandles = new int[16];
    private int freeHandleCount;
    private int nextHandle = OrderOwnerTable.NO_OWNER + 1;
    private final Long2ObjectHashMap<AccountState> accounts = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<SessionState> parkedByAccount = new Long2ObjectHashMap<>();
    private long ordersWithoutClientOrderId;
    private final LongArrayList scratchOrderIds = new LongArrayList();

    /**
     * Produces garbage (control plane).
     *
     * @param orderCapacity           open orders the engine can hold (sizes the maps).
     * @param maxOpenOrdersPerAccount NEW orders beyond this many open orders of one account are refused.
     */
    public OrderOwnership(final int orderCapacity, final int maxOpenOrdersPerAccount)
    {
        this.maxOpenOrdersPerAccount = maxOpenOrdersPerAccount;
        this.expectedOpenOrdersPerSession = Math.min(maxOpenOrdersPerAccount, INITIAL_OPEN_ORDERS_PER_SESSION);
        this.ownersByExchangeId = new OrderOwnerTable(Math.max(16, orderCapacity));
    }

    /**
     * A session logged on (allocates its state): it adopts its account's parked orders.
     *
     * @param registration of the session.
     */
    void open(final SessionRegistration registration)
    {
        final AccountState account = accountState(registration.account());
        final SessionState session = new SessionState(
            registration.sessionId(), account, registration.egress(), expectedOpenOrdersPerSession);
        sessionsById.put(session.sessionId, session);
        final SessionState first = account.firstLiveSession;
        account.firstLiveSession = session;
        if (first != null)
        {
            session.nextOfAccount = first;
            first.previousOfAccount = session;
        }
        adopt(session);
    }

    /**
     * The account's state, created if it has none (control plane: a logon or a parked order).
     */
    private AccountState accountState(final long account)
    {
        AccountState state = accounts.get(account);
        if (state == null)
        {
            state = new AccountState(account);
            accounts.put(account, state);
        }
        return state;
    }

    /**
     * Forget an account's state once it has no open order and no live session: no state that could count through it
     * owns an order any more, and the next logon or parked order of the account creates a new one.
     */
    private void dropIfUnused(final AccountState state)
    {
        if (state.unused() && accounts.get(state.account) == state)
        {
            accounts.remove(state.account);
        }
    }

    /**
     * The live sessions of an account form a list: this one, then {@code nextOfAccount} until null. Allocates nothing.
     *
     * @param account an engine account.
     * @return its most recently opened live session, or null if it has none.
     */
    SessionState firstLiveSession(final long account)
    {
        final AccountState state = accounts.get(account);
        return state == null ? null : state.firstLiveSession;
    }

    private void unlinkFromAccount(final SessionState session)
    {
        final SessionState previous = session.previousOfAccount;
        final SessionState next = session.nextOfAccount;
        if (next != null)
        {
            next.previousOfAccount = previous;
        }
        if (previous != null)
        {
            previous.nextOfAccount = next;
        }
        else
        {
            session.accountState.firstLiveSession = next;
        }
        session.previousOfAccount = null;
        session.nextOfAccount = null;
    }

    /**
     * @param sessionId of a session.
     * @return its live state, or null if it is unknown or closed.
     */
    SessionState liveSession(final long sessionId)
    {
        final SessionState session = sessionsById.get(sessionId);
        return session == null || session.closed ? null : session;
    }

    /**
     * @return accounts with a live session or an open order (the states kept for them; matching thread only).
     */
    int accountStateCount()
    {
        return accounts.size();
    }

    /**
     * @return live sessions.
     */
    int sessionCount()
    {
        return sessionsById.size();
    }

    /**
     * The node's check of a NEW order before it reaches the journal and the engine.
     *
     * @param session       entering the order.
     * @param clientOrderId the session's id for it.
     * @return null if it may be entered, else why not.
     */
    RejectCode checkNewOrder(final SessionState session, final long clientOrderId)
    {
        if (clientOrderId == NO_ORDER)
        {
            return RejectCode.INVALID_CLIENT_ORDER_ID;
        }
        if (session.exchangeIdByClientId.get(clientOrderId) != NO_ORDER)
        {
            return RejectCode.DUPLICATE_CLIENT_ORDER_ID;
        }
        if (session.accountState.openOrders >= maxOpenOrdersPerAccount)
        {
            return RejectCode.OPEN_ORDER_LIMIT;
        }
        return null;
    }

    /**
     * @param session       owning session.
     * @param clientOrderId the session's id for an open order.
     * @return the order's exchange id, or {@link #NO_ORDER}.
     */
    long exchangeOrderId(final SessionState session, final long clientOrderId)
    {
        return session.exchangeIdByClientId.get(clientOrderId);
    }

    /**
     * A NEW order passed the checks and was numbered: the session owns it from now on.
     *
     * @param session         entering it.
     * @param clientOrderId   the session's id for it.
     * @param exchangeOrderId the node's id for it.
     */
    void onNewOrder(final SessionState session, final long clientOrderId, final long exchangeOrderId)
    {
        session.exchangeIdByClientId.put(clientOrderId, exchangeOrderId);
        assignOwner(exchangeOrderId, clientOrderId, session);
        session.accountState.openOrders++;
    }

    /**
     * @param exchangeOrderId of an open order.
     * @return the session (live, closed or parked) that owns it, or null.
     */
    SessionState owner(final long exchangeOrderId)
    {
        final int slot = ownersByExchangeId.find(exchangeOrderId);
        return slot < 0 ? null : ownersByHandle[ownersByExchangeId.owner(slot)];
    }

    /**
     * Matching thread only (e.g. from a snapshot between batches).
     *
     * @param exchangeOrderId of an open order.
     * @return the client order id its owner entered it with, or {@link JournalDescriptor#NO_CLIENT_ORDER_ID}.
     */
    public long clientOrderId(final long exchangeOrderId)
    {
        final long clientOrderId = rawClientOrderId(exchangeOrderId);
        return clientOrderId == NO_ORDER ? JournalDescriptor.NO_CLIENT_ORDER_ID : clientOrderId;
    }

    /**
     * @param exchangeOrderId of an open order.
     * @return its client order id, or {@link #NO_ORDER} (the map's missing value).
     */
    long rawClientOrderId(final long exchangeOrderId)
    {
        final int slot = ownersByExchangeId.find(exchangeOrderId);
        return slot < 0 ? NO_ORDER : ownersByExchangeId.clientOrderId(slot);
    }

    /**
     * Orders recovered with client order id 2<sup>64</sup>-1 ({@link JournalDescriptor#NO_CLIENT_ORDER_ID}): a journal
     * written before the gateway rejected that id holds such NewOrders. They rest and are adopted like any other
     * order; their reports, and a Cancel or Replace naming them, carry client order id 2<sup>64</sup>-1.
     *
     * @return how many orders recovery parked without a client order id (control plane: before the ring starts).
     */
    public long ordersWithoutClientOrderId()
    {
        return ordersWithoutClientOrderId;
    }

    /**
     * @return accounts with orders that no live session owns (control plane: before the ring starts).
     */
    public int parkedAccountCount()
    {
        return parkedByAccount.size();
    }

    /**
     * A session is gone. With {@code cancelAll} its open orders are listed into {@code ordersToCancel} (the caller
     * cancels them through the engine); otherwise they are parked with its account.
     *
     * @param sessionId      of the session.
     * @param cancelAll      cancel-on-disconnect.
     * @param ordersToCancel cleared, then filled with the exchange ids to cancel.
     * @return the closed session's state, or null if it was unknown.
     */
    SessionState close(final long sessionId, final boolean cancelAll, final LongArrayList ordersToCancel)
    {
        ordersToCancel.clear();
        final SessionState session = sessionsById.remove(sessionId);
        if (session == null)
        {
            return null;
        }
        session.closed = true;
        unlinkFromAccount(session);
        if (session.exchangeIdByClientId.isEmpty())
        {
            freeHandleIfUnused(session);
            dropIfUnused(session.accountState);
            return session;
        }
        if (cancelAll)
        {
            session.exchangeIdByClientId.forEach((clientOrderId, orderId) -> ordersToCancel.addLong(orderId));
        }
        else
        {
            session.exchangeIdByClientId.forEach(
                (clientOrderId, orderId) -> park(orderId, session.account, clientOrderId, false));
            session.exchangeIdByClientId.clear();
        }
        freeHandleIfUnused(session);
        return session;
    }

    /**
     * The order left the book (filled, cancelled or refused): forget its owner and count it closed.
     *
     * @param exchangeOrderId the order.
     * @param session         its owner.
     * @param clientOrderId   the owner's id for it.
     */
    void finish(final long exchangeOrderId, final SessionState session, final long clientOrderId)
    {
        final int slot = ownersByExchangeId.find(exchangeOrderId);
        if (slot >= 0)
        {
            final SessionState owner = ownersByHandle[ownersByExchangeId.owner(slot)];
            ownersByExchangeId.remove(slot);
            disown(owner);
        }
        if (session.parked())
        {
            unpark(exchangeOrderId, session);
        }
        else
        {
            // only if the id still names this order (not another order adopted under the same id)
            session.exchangeIdByClientId.remove(clientOrderId, exchangeOrderId);
        }
        final AccountState account = session.accountState;
        if (--account.openOrders <= 0)
        {
            account.openOrders = 0;
            dropIfUnused(account);
        }
    }

    /**
     * {@inheritDoc}
     * <p>
     * Start-up recovery (control plane): the order is parked with its account.
     */
    @Override
    public void onRestoredOrder(final long orderId, final long account, final long clientOrderId)
    {
        park(orderId, account, clientOrderId, true);
    }

    /**
     * {@inheritDoc}
     * <p>
     * Start-up recovery (control plane): a replayed NEW order is parked with its account before the engine sees it,
     * so its fills and cancels keep the ownership maps and open-order counts exact; no report is sent.
     */
    @Override
    public void onReplay(final Command command, final long clientOrderId)
    {
        if (command.type() == CommandType.NEW)
        {
            park(command.orderId(), command.account(), clientOrderId, true);
        }
    }

    /**
     * The session takes over its account's parked orders. If two of them share a client order id (entered by
     * different sessions before a restart) it adopts the older one (lower exchange order id); the other stays parked
     * for the account's next logon.
     */
    private void adopt(final SessionState session)
    {
        final SessionState parked = parkedByAccount.remove(session.account);
        if (parked == null)
        {
            return;
        }
        final LongHashSet parkedIds = parked.parkedOrderIds;
        scratchOrderIds.clear();
        final LongHashSet.LongIterator orderIds = parkedIds.iterator();
        while (orderIds.hasNext())
        {
            scratchOrderIds.addLong(orderIds.nextValue());
        }
        parkedIds.clear();
        for (int i = 0, size = scratchOrderIds.size(); i < size; i++)
        {
            final long orderId = scratchOrderIds.getLong(i);
            final long clientOrderId = rawClientOrderId(orderId);
            final long taken = session.exchangeIdByClientId.get(clientOrderId);
            if (taken == NO_ORDER || orderId < taken)
            {
                session.exchangeIdByClientId.put(clientOrderId, orderId);
                assignOwner(orderId, NO_ORDER, session);
                if (taken != NO_ORDER)
                {
                    parkedIds.add(taken);
                    assignOwner(taken, NO_ORDER, parked);
                }
            }
            else
            {
                parkedIds.add(orderId);
            }
        }
        scratchOrderIds.clear();
        if (!parked.parkedOrderIds.isEmpty())
        {
            parkedByAccount.put(session.account, parked);
        }
        freeHandleIfUnused(parked);
    }

    /**
     * Hand an order no live session owns to its account's parked state (counting it as open if {@code count}).
     */
    private void park(final long orderId, final long account, final long clientOrderId, final boolean count)
    {
        SessionState parked = parkedByAccount.get(account);
        if (parked == null)
        {
            parked = SessionState.parked(accountState(account));
            parkedByAccount.put(account, parked);
        }
        parked.parkedOrderIds.add(orderId);
        assignOwner(orderId, clientOrderId, parked);
        if (clientOrderId == NO_ORDER && count)
        {
            ordersWithoutClientOrderId++;
        }
        if (count)
        {
            parked.accountState.openOrders++;
        }
    }

    private void unpark(final long exchangeOrderId, final SessionState parked)
    {
        parked.parkedOrderIds.remove(exchangeOrderId);
        if (parked.parkedOrderIds.isEmpty() && parkedByAccount.get(parked.account) == parked)
        {
            parkedByAccount.remove(parked.account);
        }
    }

    /**
     * Record {@code owner} as the order's owner, adding the order if it is not in the table; its client order id is
     * set unless {@code clientOrderId} is {@link #NO_ORDER}, which keeps the one recorded (or records none).
     */
    private void assignOwner(final long orderId, final long clientOrderId, final SessionState owner)
    {
        final OrderOwnerTable table = ownersByExchangeId;
        final int slot = table.find(orderId);
        if (slot < 0)
        {
            table.add(orderId, clientOrderId, own(owner));
            return;
        }
        final SessionState previous = ownersByHandle[table.owner(slot)];
        if (previous != owner)
        {
            table.owner(slot, own(owner));
            disown(previous);
        }
        if (clientOrderId != NO_ORDER)
        {
            table.clientOrderId(slot, clientOrderId);
        }
    }

    /**
     * Count one more order owned by the state, giving it a handle if it has none (the only reference store, once per
     * state that comes to own orders).
     *
     * @return its handle.
     */
    private int own(final SessionState owner)
    {
        if (owner.handle == OrderOwnerTable.NO_OWNER)
        {
            final int handle;
            if (freeHandleCount > 0)
            {
                handle = freeHandles[--freeHandleCount];
            }
            else
            {
                handle = nextHandle++;
                if (handle == ownersByHandle.length)
                {
                    ownersByHandle = Arrays.copyOf(ownersByHandle, handle * 2);
                }
            }
            ownersByHandle[handle] = owner;
            owner.handle = handle;
        }
        owner.ownedOrders++;
        return owner.handle;
    }

    /**
     * Count one order fewer owned by the state; a closed or parked state that owns none gives its handle back.
     */
    private void disown(final SessionState owner)
    {
        owner.ownedOrders--;
        freeHandleIfUnused(owner);
    }

    private void freeHandleIfUnused(final SessionState owner)
    {
        final int handle = owner.handle;
        if (owner.closed && owner.ownedOrders == 0 && handle != OrderOwnerTable.NO_OWNER)
        {
            ownersByHandle[handle] = null;
            owner.handle = OrderOwnerTable.NO_OWNER;
            if (freeHandleCount == freeHandles.length)
            {
                freeHandles = Arrays.copyOf(freeHandles, freeHandleCount * 2);
            }
            freeHandles[freeHandleCount++] = handle;
        }
    }
}
