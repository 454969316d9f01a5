package io.arbiter.server.gateway;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The slot accounting of {@link ConnectionLimiter}: connections not logged on give their slot to newer ones (oldest
 * first, of the same address for the per-address limits), logged-on sessions never do.
 */
class ConnectionLimiterTest
{
    private final List<Connection> evicted = new ArrayList<>();

    /** A pending entry that records its eviction. */
    private final class Connection implements ConnectionLimiter.PendingLogon
    {
        @Override
        public void onEvicted()
        {
            evicted.add(this);
        }
    }

    private static InetAddress address(final int last) throws Exception
    {
        return InetAddress.getByAddress(new byte[]{10, 0, 0, (byte)last});
    }

    @Test
    void shouldEvictTheOldestPendingConnectionWhenEverySlotIsTaken() throws Exception
    {
        final ConnectionLimiter limiter = new ConnectionLimiter(2, 2, 10, 10);
        final Connection first = new Connection();
        final Connection second = new Connection();
        final Connection third = new Connection();
        assertNull(limiter.tryAcquire(address(1), first));
        assertNull(limiter.tryAcquire(address(2), second));
        assertNull(limiter.tryAcquire(address(3), third));
        assertEquals(List.of(first), evicted);
        assertEquals(2, limiter.total());
        assertEquals(2, limiter.pending());
        assertFalse(limiter.onLoggedOn(first), "an evicted connection may not log on");
        limiter.release(address(1), first);
        assertEquals(2, limiter.total(), "the evicted slot was counted free once, at eviction");
        assertEquals(1, limiter.evictions());
    }

    @Test
    void shouldRefuseOnlyWhenLoggedOnSessionsHoldEverySlot() throws Exception
    {
        final ConnectionLimiter limiter = new ConnectionLimiter(1, 1, 10, 10);
        final Connection session = new Connection();
        assertNull(limiter.tryAcquire(address(1), session));
        assertTrue(limiter.onLoggedOn(session));
        final String refusal = limiter.tryAcquire(address(2), new Connection());
        assertNotNull(refusal);
        assertTrue(refusal.contains("too many connections (limit 1)"), refusal);
        assertTrue(evicted.isEmpty());
        limiter.release(address(1), session);
        assertEquals(0, limiter.total());
        assertNull(limiter.tryAcquire(address(2), new Connection()));
    }

    @Test
    void shouldEvictWithinTheSameAddressForThePerAddressPendingCap() throws Exception
    {
        final ConnectionLimiter limiter = new ConnectionLimiter(100, 100, 100, 2);
        final Connection other = new Connection();
        final Connection a1 = new Connection();
        final Connection a2 = new Connection();
        assertNull(limiter.tryAcquire(address(9), other));
        assertNull(limiter.tryAcquire(address(1), a1));
        assertNull(limiter.tryAcquire(address(1), a2));
        assertNull(limiter.tryAcquire(address(1), new Connection()));
        assertEquals(List.of(a1), evicted, "the oldest of that address, not the oldest overall");
        assertEquals(3, limiter.pending());
        assertEquals(3, limiter.total());
    }

    @Test
    void shouldCapPendingConnectionsInTotalBelowTheConnectionLimit() throws Exception
    {
        final ConnectionLimiter limiter = new ConnectionLimiter(100, 100, 2, 100);
        final Connection first = new Connection();
        assertNull(limiter.tryAcquire(address(1), first));
        assertNull(limiter.tryAcquire(address(2), new Connection()));
        assertNull(limiter.tryAcquire(address(3), new Connection()));
        assertEquals(List.of(first), evicted);
        assertEquals(2, limiter.pending());
    }

    @Test
    void shouldRefuseOverThePerAddressLimitWhenThatAddressHasOnlyLoggedOnSessions() throws Exception
    {
        final ConnectionLimiter limiter = new ConnectionLimiter(100, 1, 100, 100);
        final Connection session = new Connection();
        assertNull(limiter.tryAcquire(address(1), session));
        assertTrue(limiter.onLoggedOn(session));
        final String refusal = limiter.tryAcquire(address(1), new Connection());
        assertNotNull(refusal);
        assertTrue(refusal.contains("from 10.0.0.1 (limit 1)"), refusal);
        assertNull(limiter.tryAcquire(address(2), new Connection()), "other addresses are not affected");
    }
}
