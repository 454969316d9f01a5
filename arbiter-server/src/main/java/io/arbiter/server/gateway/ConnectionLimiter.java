package io.arbiter.server.gateway;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Counts open connections in total and per remote address, and among them those that have not logged on yet
 * ("pending"). Pending connections never keep a new connection out: when a new one would exceed a limit, the oldest
 * pending connection (of the same address for the per-address limits, else of all) gives up its slot and is closed
 * (told through {@link PendingLogon#onEvicted()}); a new connection is refused only when the slots it needs are all
 * held by logged-on sessions. At most {@code maxPending} connections are pending at once, at most
 * {@code maxPendingPerAddress} from one address. So connections that trickle bytes and never log on cannot hold every
 * slot: a real client's connection gets a slot and logs on within its round trip. Any event loop may call it; methods
 * are synchronized (called a few times per connection, off the order path). Produces garbage (per connection).
 */
public final class ConnectionLimiter
{
    /**
     * A connection counted as pending until it logs on or closes.
     */
    public interface PendingLogon
    {
        /**
         * The limiter has taken this connection's slot for a newer connection and wants it closed. Called under the
         * limiter's lock on any thread: hand the close to the connection's event loop.
         */
        void onEvicted();
    }

    private static final Object NO_ADDRESS = new Object();

    private final int maxTotal;
    private final int maxPerAddress;
    private final int maxPending;
    private final int maxPendingPerAddress;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final Map<InetAddress, Integer> pendingPerAddress = new HashMap<>();
    private final LinkedHashMap<PendingLogon, Object> pending = new LinkedHashMap<>();
    private final Set<PendingLogon> evicted = new HashSet<>();
    private int total;
    private long evictions;

    /**
     * @param maxTotal             connections at once.
     * @param maxPerAddress        connections at once from one address.
     * @param maxPending           connections at once that have not logged on.
     * @param maxPendingPerAddress connections at once from one address that have not logged on.
     */
    public ConnectionLimiter(
        final int maxTotal, final int maxPerAddress, final int maxPending, final int maxPendingPerAddress)
    {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
        this.maxPending = Math.max(1, maxPending);
        this.maxPendingPerAddress = Math.max(1, maxPendingPerAddress);
    }

    /**
     * Count a new connection, pending until {@link #onLoggedOn(PendingLogon)}, evicting older pending connections to
     * make room as described above.
     *
     * @param address    remote address, may be null (not counted per address).
     * @param connection its pending entry.
     * @return null if admitted (release it later), else the reason for refusing.
     */
    public synchronized String tryAcquire(final InetAddress address, final PendingLogon connection)
    {
        if (address != null)
        {
            if (count(perAddress, address) >= maxPerAddress && !evictOldest(address))
            {
                return "too many connections from " + address.getHostAddress() + " (limit " + maxPerAddress + ")";
            }
            if (count(pendingPerAddress, address) >= maxPendingPerAddress)
            {
                evictOldest(address);
            }
        }
        if (total >= maxTotal && !evictOldest(null))
        {
            return "too many connections (limit " + maxTotal + ")";
        }
        if (pending.size() >= maxPending)
        {
            evictOldest(null);
        }
        total++;
        pending.put(connection, address == null ? NO_ADDRESS : address);
        if (address != null)
        {
            perAddress.merge(address, 1, Integer::sum);
            pendingPerAddress.merge(address, 1, Integer::sum);
        }
        return null;
    }

    /**
     * The connection logged on: it no longer counts as pending.
     *
     * @param connection as given to {@link #tryAcquire(InetAddress, PendingLogon)}.
     * @return false if it had been evicted meanwhile (it is being closed: refuse the logon).
     */
    public synchronized boolean onLoggedOn(final PendingLogon connection)
    {
        return removePending(connection);
    }

    /**
     * The connection closed.
     *
     * @param address    as given to a successful {@link #tryAcquire(InetAddress, PendingLogon)}.
     * @param connection its pending entry.
     */
    public synchronized void release(final InetAddress address, final PendingLogon connection)
    {
        if (evicted.remove(connection))
        {
            return;
        }
        removePending(connection);
        releaseSlot(address);
    }

    /**
     * @return connections holding a slot now.
     */
    public synchronized int total()
    {
        return total;
    }

    /**
     * @return connections holding a slot now that have not logged on.
     */
    public synchronized int pending()
    {
        return pending.size();
    }

    /**
     * @return pending connections closed so far to make room for newer ones.
     */
    public synchronized long evictions()
    {
        return evictions;
    }

    private static int count(final Map<InetAddress, Integer> counts, final InetAddress address)
    {
        return counts.getOrDefault(address, 0);
    }

    /**
     * Evict the oldest pending connection from {@code address}, or of all if null: its slot is free at once.
     *
     * @return false if there was none.
     */
    private boolean evictOldest(final InetAddress address)
    {
        final Iterator<Map.Entry<PendingLogon, Object>> entries = pending.entrySet().iterator();
        while (entries.hasNext())
        {
            final Map.Entry<PendingLogon, Object> entry = entries.next();
            if (address == null || address.equals(entry.getValue()))
            {
                entries.remove();
                final Object entryAddress = entry.getValue();
                decrementPending(entryAddress);
                releaseSlot(entryAddress == NO_ADDRESS ? null : (InetAddress)entryAddress);
                evicted.add(entry.getKey());
                evictions++;
                entry.getKey().onEvicted();
                return true;
            }
        }
        return false;
    }

    private void releaseSlot(final InetAddress address)
    {
        total--;
        if (address != null)
        {
            perAddress.computeIfPresent(address, (a, c) -> c <= 1 ? null : c - 1);
        }
    }

    private boolean removePending(final PendingLogon connection)
    {
        final Object address = pending.remove(connection);
        if (address == null)
        {
            return false;
        }
        decrementPending(address);
        return true;
    }

    private void decrementPending(final Object address)
    {
        if (address != NO_ADDRESS)
        {
            pendingPerAddress.computeIfPresent((InetAddress)address, (a, c) -> c <= 1 ? null : c - 1);
        }
    }
}
