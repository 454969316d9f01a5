package io.arbiter.journal;

import io.arbiter.engine.Instrument;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.SnapshotListener;
import io.arbiter.engine.TimeInForce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.zip.CRC32C;

import static io.arbiter.journal.SnapshotDescriptor.*;

/**
 * Writes the full engine state to a snapshot file atomically (temp file, force, {@code ATOMIC_MOVE}, force the
 * directory), then deletes snapshots beyond {@link JournalContext#snapshotsToKeep()} and applies the segment
 * {@link RetentionPolicy}. Call it on the thread that owns the engine, between batches, after every command up to
 * the given sequence has been applied. Control plane: produces garbage and blocks on I/O.
 */
public final class SnapshotWriter
{
    private static final int BUFFER_SIZE = 1024 * 1024;

    private final JournalContext context;
    private final ByteBuffer buffer = JournalDescriptor.allocateDirect(BUFFER_SIZE);
    private final ByteBuffer view = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private final Listener listener = new Listener();
    private LongUnaryOperator clientOrderIds = orderId -> JournalDescriptor.NO_CLIENT_ORDER_ID;
    private WritableByteChannel channel;
    private long written;
    private long instrumentsWritten;
    private long ordersWritten;
    private int lastInstrumentOffset;

    /**
     * @param context data directory, snapshots to keep and retention policy.
     */
    public SnapshotWriter(final JournalContext context)
    {
        this.context = context;
    }

    /**
     * @param clientOrderIds gives the client order id of each open order by its exchange order id (or
     *                       {@link JournalDescriptor#NO_CLIENT_ORDER_ID}); called on the writing thread.
     * @return this.
     */
    public SnapshotWriter clientOrderIds(final LongUnaryOperator clientOrderIds)
    {
        this.clientOrderIds = clientOrderIds;
        return this;
    }

    /**
     * Write a snapshot of the engine as of {@code lastSequence}, then prune old snapshots and segments.
     *
     * @param engine       whose state to write; every command up to {@code lastSequence} must have been applied and
     *                     every one of them must already be committed to the journal.
     * @param lastSequence last sequence applied to the engine.
     * @return the snapshot file.
     * @throws UncheckedIOException if writing fails; no snapshot file is then left behind (a temp file may be).
     */
    public Path write(final MatchingEngine engine, final long lastSequence)
    {
        final Path dir = context.dataDir();
        final Path target = dir.resolve(snapshotFileName(lastSequence));
        final Path temp = dir.resolve(snapshotFileName(lastSequence) + ".tmp");
        try
        {
            Files.createDirectories(dir);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING))
            {
                write(engine, lastSequence, out);
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            JournalFiles.forceDirectory(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write snapshot " + target, ex);
        }
        pruneSnapshots();
        Retention.apply(context);
        return target;
    }

    /**
     * Write a snapshot of the engine as of {@code lastSequence} to a channel, in the file layout of
     * {@link SnapshotDescriptor} (header to trailer), and nothing else: no file, no pruning. A cluster member's
     * snapshot holds these bytes ({@link SnapshotLoader#load(ByteBuffer, String, MatchingEngine)} reads them back).
     *
     * @param engine       whose state to write, on the thread that owns it.
     * @param lastSequence last sequence applied to the engine.
     * @param out          to write to, from its current position.
     * @return the number of bytes written.
     * @throws UncheckedIOException  if writing fails.
     * @throws IllegalStateException if a symbol or asset name is too long, or the engine's walk is inconsistent.
     */
    public long write(final MatchingEngine engine, final long lastSequence, final WritableByteChannel out)
    {
        channel = out;
        try
        {
            written = 0;
            instrumentsWritten = 0;
            ordersWritten = 0;
            crc.reset();
            buffer.clear();
            writeHeader(lastSequence, engine.instrumentCount(), engine.openOrderCount());
            engine.snapshot(listener);
            if (instrumentsWritten != engine.instrumentCount() || ordersWritten != engine.openOrderCount())
            {
                throw new IllegalStateException("engine walk gave " + instrumentsWritten + " instruments and " +
                    ordersWritten + " orders, expected " + engine.instrumentCount() + " and " +
                    engine.openOrderCount());
            }
            flush();
            final ByteBuffer trailer = ByteBuffer.allocate(TRAILER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            trailer.putInt(TRAILER_CHECKSUM_OFFSET, (int)crc.getValue());
            trailer.putInt(TRAILER_END_MAGIC_OFFSET, END_MAGIC);
            while (trailer.hasRemaining())
            {
                written += out.write(trailer);
            }
            return written;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        finally
        {
            channel = null;
        }
    }

    private void pruneSnapshots()
    {
        final List<Path> snapshots = JournalFiles.snapshots(context.dataDir());
        for (int i = 0, excess = snapshots.size() - context.snapshotsToKeep(); i < excess; i++)
        {
            try
            {
                Files.deleteIfExists(snapshots.get(i));
            }
            catch (final IOException ex)
            {
                context.warningSink().accept("cannot delete old snapshot " + snapshots.get(i) + ": " + ex);
            }
        }
    }

    private void writeHeader(final long lastSequence, final int instrumentCount, final long orderCount)
    {
        final int offset = claim(HEADER_LENGTH);
        buffer.putInt(offset + MAGIC_OFFSET, MAGIC);
        buffer.putInt(offset + VERSION_OFFSET, VERSION);
        buffer.putLong(offset + LAST_SEQUENCE_OFFSET, lastSequence);
        buffer.putInt(offset + INSTRUMENT_COUNT_OFFSET, instrumentCount);
        buffer.putInt(offset + INSTRUMENT_COUNT_OFFSET + 4, 0);
        buffer.putLong(offset + ORDER_COUNT_OFFSET, orderCount);
    }

    private int claim(final int length)
    {
        if (buffer.position() + length > buffer.capacity())
        {
            flush();
        }
        final int offset = buffer.position();
        for (int i = 0; i < length; i += 8)
        {
            buffer.putLong(offset + i, 0L);
        }
        buffer.position(offset + length);
        return offset;
    }

    private void flush()
    {
        final int length = buffer.position();
        view.limit(length).position(0);
        crc.update(view);
        view.limit(length).position(0);
        try
        {
            while (view.hasRemaining())
            {
                written += channel.write(view);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        buffer.clear();
    }

    private final class Listener implements SnapshotListener
    {
        @Override
        public void onInstrument(final Instrument instrument)
        {
            final byte[] symbol = name(instrument.symbol());
            final byte[] base = name(instrument.baseAsset());
            final byte[] quote = name(instrument.quoteAsset());
            final int offset = claim(instrumentLength(symbol.length + base.length + quote.length));
            lastInstrumentOffset = offset;
            buffer.putInt(offset + INSTRUMENT_ID_OFFSET, instrument.id());
            buffer.putInt(offset + SYMBOL_LENGTH_OFFSET, symbol.length);
            buffer.putLong(offset + TICK_SIZE_OFFSET, instrument.tickSizeUnits());
            buffer.putLong(offset + LOT_SIZE_OFFSET, instrument.lotSize());
            buffer.putLong(offset + MAX_PRICE_TICKS_OFFSET, instrument.maxPriceTicks());
            buffer.putInt(offset + BASE_LENGTH_OFFSET, base.length);
            buffer.putInt(offset + QUOTE_LENGTH_OFFSET, quote.length);
            buffer.put(offset + SYMBOL_OFFSET, symbol);
            buffer.put(offset + SYMBOL_OFFSET + symbol.length, base);
            buffer.put(offset + SYMBOL_OFFSET + symbol.length + base.length, quote);
            instrumentsWritten++;
        }

        private byte[] name(final String name)
        {
            final byte[] bytes = name == null ? new byte[0] : name.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > MAX_SYMBOL_LENGTH)
            {
                throw new IllegalStateException("name too long for a snapshot: " + name);
            }
            return bytes;
        }

        @Override
        public void onInstrumentState(
            final int instrumentId,
            final boolean halted,
            final boolean delisted,
            final long bandHundredths,
            final long lastTradePrice)
        {
            final int offset = lastInstrumentOffset;
            final int flags = (halted ? FLAG_HALTED : 0) | (delisted ? FLAG_DELISTED : 0);
            buffer.putInt(offset + INSTRUMENT_FLAGS_OFFSET, flags);
            buffer.putInt(offset + INSTRUMENT_FLAGS_OFFSET + 4, 0);
            buffer.putLong(offset + BAND_OFFSET, bandHundredths);
            buffer.putLong(offset + LAST_TRADE_PRICE_OFFSET, lastTradePrice);
        }

        @Override
        public void onOrder(
            final int instrumentId,
            final Side side,
            final long orderId,
            final long account,
            final long priceUnits,
            final long remaining,
            final long hidden,
            final long display,
            final TimeInForce timeInForce,
            final SelfTradePrevention selfTradePrevention,
            final long expiry,
            final long acceptance)
        {
            entry(instrumentId, side, orderId, account, priceUnits, remaining, timeInForce, selfTradePrevention,
                KIND_ORDER, hidden, display, expiry, acceptance);
        }

        @Override
        public void onStop(
            final int instrumentId,
            final Side side,
            final long orderId,
            final long account,
            final OrderType orderType,
            final long priceUnits,
            final long stopUnits,
            final long quantity,
            final TimeInForce timeInForce,
            final SelfTradePrevention selfTradePrevention,
            final long expiry,
            final long acceptance)
        {
            entry(instrumentId, side, orderId, account, priceUnits, quantity, timeInForce, selfTradePrevention,
                KIND_STOP, stopUnits, orderType.ordinal(), expiry, acceptance);
        }

        private void entry(
            final int instrumentId,
            final Side side,
            final long orderId,
            final long account,
            final long priceUnits,
            final long remaining,
            final TimeInForce timeInForce,
            final SelfTradePrevention selfTradePrevention,
            final byte kind,
            final long hidden,
            final long display,
            final long expiry,
            final long acceptance)
        {
            final int offset = claim(ORDER_LENGTH);
            buffer.put(offset + ORDER_KIND_OFFSET, kind);
            buffer.putLong(offset + ORDER_HIDDEN_OFFSET, hidden);
            buffer.putLong(offset + ORDER_DISPLAY_OFFSET, display);
            buffer.putLong(offset + ORDER_EXPIRY_OFFSET, expiry);
            buffer.putLong(offset + ORDER_ACCEPTANCE_OFFSET, acceptance);
            buffer.putInt(offset + ORDER_INSTRUMENT_ID_OFFSET, instrumentId);
            buffer.put(offset + ORDER_SIDE_OFFSET, (byte)side.ordinal());
            buffer.put(offset + ORDER_TIME_IN_FORCE_OFFSET, (byte)timeInForce.ordinal());
            buffer.put(offset + ORDER_STP_OFFSET, (byte)selfTradePrevention.ordinal());
            buffer.putLong(offset + ORDER_ID_OFFSET, orderId);
            buffer.putLong(offset + ORDER_ACCOUNT_OFFSET, account);
            buffer.putLong(offset + ORDER_PRICE_OFFSET, priceUnits);
            buffer.putLong(offset + ORDER_REMAINING_OFFSET, remaining);
            buffer.putLong(offset + ORDER_CLIENT_ORDER_ID_OFFSET, clientOrderIds.applyAsLong(orderId));
            ordersWritten++;
        }

        @Override
        public void onRiskSettings(
            final int instrumentId, final int makerBps, final int takerBps, final long maxQuantity,
            final long maxNotional)
        {
            risk(RISK_FEES_LIMITS, instrumentId, makerBps, takerBps, maxQuantity, maxNotional, 0);
        }

        @Override
        public void onBalance(final long account, final int asset, final long available, final long held)
        {
            risk(RISK_BALANCE, asset, 0, 0, account, available, held);
        }

        @Override
        public void onDisabledAccount(final long account)
        {
            risk(RISK_DISABLED, 0, 0, 0, account, 0, 0);
        }

        @Override
        public void onOrderHold(final long orderId, final long amount, final int makerBps, final int takerBps)
        {
            risk(RISK_HOLD, 0, makerBps, takerBps, orderId, amount, 0);
        }

        private void risk(
            final int kind, final int int1, final int int2, final int int3, final long long1, final long long2,
            final long long3)
        {
            final int offset = claim(RISK_LENGTH);
            buffer.putInt(offset + RISK_KIND_OFFSET, kind);
            buffer.putInt(offset + RISK_INT1_OFFSET, int1);
            buffer.putInt(offset + RISK_INT2_OFFSET, int2);
            buffer.putInt(offset + RISK_INT3_OFFSET, int3);
            buffer.putLong(offset + RISK_LONG1_OFFSET, long1);
            buffer.putLong(offset + RISK_LONG2_OFFSET, long2);
            buffer.putLong(offset + RISK_LONG3_OFFSET, long3);
        }

        @Override
        public void onCounters(final long tradeCount, final long clock, final long acceptances)
        {
            final int offset = claim(COUNTERS_LENGTH);
            buffer.putLong(offset, tradeCount);
            buffer.putLong(offset + 8, clock);
            buffer.putLong(offset + 16, acceptances);
        }
    }
}
