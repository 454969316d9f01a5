package io.arbiter.fix;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One account's FIX orders: the mapping between FIX ClOrdIDs (text) and the node's numeric client order ids, and the
 * order fields the execution reports need. The numeric id of a NewOrderSingle is a pure function of its ClOrdID
 * ({@link #numericId(String)}); a replace keeps the order's numeric id (as the engine does) and adds its new ClOrdID
 * as an alias. Every NewOrderSingle and accepted-for-sending replace is appended to {@code orders-<account>.log} in
 * the FIX directory (written to the operating system) before its command enters the ring and forced to the device
 * before any report leaves, unless the journal's durability is {@code none} ({@link #force}); the file is read back
 * when the account's first session of a node logs on, so the reports of orders recovered after a restart carry their
 * ClOrdIDs (docs/fix.md, "Order ids"). Thread safe: the FIX input thread and the report publisher's thread take the
 * lock.
 */
final class FixOrderBook
{
    /** What {@link #admitNew} answers. */
    enum Admission
    {
        /** The order is recorded; publish it. */
        OK,
        /** The ClOrdID was used before by this account. */
        DUPLICATE,
        /** Another ClOrdID of this account maps to the same numeric id. */
        COLLISION
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final Path file;
    private final Long2ObjectHashMap<FixOrder> orders = new Long2ObjectHashMap<>();
    private final Map<String, Long> aliases = new HashMap<>();
    private final LongHashSet finished = new LongHashSet();
    private FileChannel out;
    /** Lines written to the operating system so far (under the lock). */
    private long written;
    /** Lines known to be on the device: {@link #written} as it was when the last force began. */
    private volatile long forced;
    private long lastForceNs = Long.MIN_VALUE / 2;
    private volatile WriteListener writeListener;

    /**
     * Produces garbage (control plane): reads the account's file if there is one.
     *
     * @param file the account's order log.
     */
    FixOrderBook(final Path file)
    {
        this.file = file;
        if (Files.exists(file))
        {
            load();
        }
    }

    /**
     * The deterministic numeric client order id of a ClOrdID: the 64-bit FNV-1a hash of its UTF-8 bytes with the top
     * bit cleared (so never the reserved 2^64-1).
     *
     * @param clOrdId the FIX ClOrdID.
     * @return its numeric id, 0 to 2^63-1.
     */
    static long numericId(final String clOrdId)
    {
        long hash = FNV_OFFSET;
        final byte[] bytes = clOrdId.getBytes(StandardCharsets.UTF_8);
        for (final byte b : bytes)
        {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash & Long.MAX_VALUE;
    }

    /**
     * Record a NewOrderSingle before it is published.
     *
     * @param order the order.
     * @return whether it may be published.
     */
    synchronized Admission admitNew(final FixOrder order)
    {
        final long id = order.numericId;
        final FixOrder existing = orders.get(id);
        if (existing != null || finished.contains(id) || aliases.containsKey(order.clOrdId))
        {
            return existing != null && !existing.clOrdId.equals(order.clOrdId) && !existing.recovered ?
                Admission.COLLISION : Admission.DUPLICATE;
        }
        orders.put(id, order);
        append("N\t" + id + "\t" + order.clOrdId + "\t" + order.symbol + "\t" + order.side + "\t" + order.ordType +
            "\t" + order.timeInForce + "\t" + order.price + "\t" + order.orderQty);
        return Admission.OK;
    }

    /**
     * The order's NewOrderSingle was not published after all (admission refused it): forget it.
     *
     * @param order the order.
     */
    synchronized void forget(final FixOrder order)
    {
        orders.remove(order.numericId);
        finished.add(order.numericId);
    }

    /**
     * @param clOrdId a current or earlier ClOrdID of an order.
     * @return the order, or null if none of this account's known orders has it.
     */
    synchronized FixOrder find(final String clOrdId)
    {
        final Long alias = aliases.get(clOrdId);
        final FixOrder order = orders.get(alias != null ? alias : numericId(clOrdId));
        if (order == null)
        {
            return null;
        }
        return alias != null || order.clOrdId.equals(clOrdId) || clOrdId.equals(order.origClOrdId) ||
            order.recovered ? order : null;
    }

    /**
     * @param numericId the node's client order id.
     * @return the order, or null.
     */
    synchronized FixOrder get(final long numericId)
    {
        return orders.get(numericId);
    }

    /**
     * @param clOrdId a ClOrdID.
     * @return true if an order of this account has used it (a new request must carry a fresh one).
     */
    synchronized boolean used(final String clOrdId)
    {
        final long id = numericId(clOrdId);
        return aliases.containsKey(clOrdId) || finished.contains(id) || orders.containsKey(id);
    }

    /**
     * Record a cancel or replace request before it is published; a replace's new ClOrdID becomes an alias of the
     * order and is logged.
     *
     * @param order   the target.
     * @param request the request.
     */
    synchronized void addRequest(final FixOrder order, final FixOrder.Request request)
    {
        order.requests.addLast(request);
        aliases.put(request.clOrdId, order.numericId);
        if (!request.cancel)
        {
            append("R\t" + order.numericId + "\t" + request.clOrdId + "\t" + request.price + "\t" + request.orderQty);
        }
    }

    /**
     * The request was not published (admission refused it).
     *
     * @param order   the target.
     * @param request the request.
     */
    synchronized void dropRequest(final FixOrder order, final FixOrder.Request request)
    {
        order.requests.removeLastOccurrence(request);
    }

    /**
     * An order of a session that the FIX layer has not seen (adopted from another session): remember it under its
     * numeric id, its ClOrdID being that id in decimal.
     *
     * @param numericId the node's client order id.
     * @param symbol    its instrument's symbol, or null.
     * @param side      its FIX side, or 0.
     * @return the new order.
     */
    synchronized FixOrder adopt(final long numericId, final String symbol, final char side)
    {
        final FixOrder order = new FixOrder(numericId, Long.toUnsignedString(numericId), symbol, side, '2', '1',
            0, 0);
        order.recovered = true;
        order.cumQtyKnown = false;
        orders.put(numericId, order);
        return order;
    }

    /**
     * The order left the book and has no request in flight: forget its fields, remember its id as used.
     *
     * @param order the order.
     */
    synchronized void finish(final FixOrder order)
    {
        order.finished = true;
        if (order.requests.isEmpty())
        {
            orders.remove(order.numericId);
            finished.add(order.numericId);
        }
    }

    /**
     * @return the lock the report publisher holds while it updates an order.
     */
    Object lock()
    {
        return this;
    }

    /**
     * Force and close the log (control plane, at shutdown).
     */
    synchronized void close()
    {
        if (out != null)
        {
            try
            {
                out.force(false);
                out.close();
                forced = written;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            out = null;
        }
    }

    /**
     * Told of every line written (on the writing thread, under the lock; it must not block).
     */
    interface WriteListener
    {
        /**
         * Lines were written.
         */
        void onWritten();
    }

    /**
     * @param listener told of every line written from now on (control plane).
     */
    void afterWrite(final WriteListener listener)
    {
        this.writeListener = listener;
    }

    /**
     * @return lines written to the operating system so far (any thread).
     */
    synchronized long written()
    {
        return written;
    }

    /**
     * @return lines known to be on the device (any thread): every line counted by {@link #written()} before the
     *         last {@link #force} began.
     */
    long forced()
    {
        return forced;
    }

    /**
     * Force the lines written so far to the device, if any were written since the last force (one thread at a time:
     * the report publisher's, or the {@link FixOrderLogForcer}'s; outside the lock, so order entry does not wait for
     * the device).
     *
     * @param minIntervalNs least time since the last force of this log (0: force whenever lines were written).
     * @param nowNs         the caller's {@code System.nanoTime()}.
     * @throws UncheckedIOException if the device refuses.
     */
    void force(final long minIntervalNs, final long nowNs)
    {
        final FileChannel channel;
        final long upTo;
        synchronized (this)
        {
            if (written == forced || out == null || nowNs - lastForceNs < minIntervalNs)
            {
                return;
            }
            lastForceNs = nowNs;
            channel = out;
            upTo = written;
        }
        try
        {
            channel.force(false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot force the FIX order log " + file, ex);
        }
        forced = upTo;
    }

    /**
     * @return the account's order log file.
     */
    Path file()
    {
        return file;
    }

    private void append(final String line)
    {
        try
        {
            if (out == null)
            {
                Files.createDirectories(file.getParent());
                out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            }
            final ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining())
            {
                out.write(bytes);
            }
            written++;
            final WriteListener listener = writeListener;
            if (listener != null)
            {
                listener.onWritten();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the FIX order log " + file, ex);
        }
    }

    private void load()
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the FIX order log " + file, ex);
        }
        for (final String line : lines)
        {
            final String[] f = line.split("\t", -1);
            if (f.length == 9 && "N".equals(f[0]))
            {
                final FixOrder order = new FixOrder(Long.parseLong(f[1]), f[2], f[3], f[4].charAt(0),
                    f[5].charAt(0), f[6].charAt(0), Long.parseLong(f[7]), Long.parseLong(f[8]));
                order.recovered = true;
                order.cumQtyKnown = false;
                orders.put(order.numericId, order);
            }
            else if (f.length == 5 && "R".equals(f[0]))
            {
                final FixOrder order = orders.get(Long.parseLong(f[1]));
                if (order != null)
                {
                    order.origClOrdId = order.clOrdId;
                    order.clOrdId = f[2];
                    order.price = Long.parseLong(f[3]);
                    order.orderQty = Long.parseLong(f[4]);
                    aliases.put(f[2], order.numericId);
                }
            }
        }
    }
}
