package io.arbiter.server.gateway;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts open connections in total and per remote address and refuses those over the limits. Any event loop may call
 * it; methods are synchronized (called once per connection, off the order path).
 */
public final class ConnectionLimiter
{
    private final int maxTotal;
    private final int maxPerAddress;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int total;

    /**
     * @param maxTotal      connections at once.
     * @param maxPerAddress connections at once from one address.
     */
    public ConnectionLimiter(final int maxTotal, final int maxPerAddress)
    {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * @param address remote address, may be null (not counted per address).
     * @return null if admitted (release it later), else the reason for refusing.
     */
    public synchronized String tryAcquire(final InetAddress address)
    {
        if (total >= maxTotal)
        {
            return "too many connections (limit " + maxTotal + ")";
        }
        if (address != null)
        {
            final int count = perAddress.getOrDefault(address, 0);
            if (count >= maxPerAddress)
            {
                return "too many connections from " + address.getHostAddress() + " (limit " + maxPerAddress + ")";
            }
            perAddress.put(address, count + 1);
        }
        total++;
        return null;
    }

    /**
     * @param address as given to a successful {@link #tryAcquire(InetAddress)}.
     */
    public synchronized void release(final InetAddress address)
    {
        total--;
        if (address != null)
        {
            perAddress.computeIfPresent(address, (a, c) -> c <= 1 ? null : c - 1);
        }
    }

    /**
     * @return connections open now.
     */
    public synchronized int total()
    {
        return total;
    }
}
