package io.arbiter.journal;

import io.arbiter.engine.Instrument;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.SnapshotRestorer;
import io.arbiter.engine.TimeInForce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

import static io.arbiter.journal.SnapshotDescriptor.*;

/**
 * Verifies snapshot files (checksum and structure) and restores them into an engine. A file is verified completely
 * before anything is restored, so a corrupt snapshot leaves the engine untouched. Use on the thread that owns the
 * engine; control plane (produces garbage).
 */
public final class SnapshotLoader
{
    private static final Side[] SIDES = Side.values();
    private static final TimeInForce[] TIFS = TimeInForce.values();
    private static final SelfTradePrevention[] STPS = SelfTradePrevention.values();

    private SnapshotLoader()
    {
    }

    /**
     * Check a snapshot file without restoring it.
     *
     * @param file to check.
     * @return what it holds.
     * @throws JournalCorruptedException if it is damaged, naming the byte position.
     * @throws UncheckedIOException      if it cannot be read.
     */
    public static SnapshotInfo verify(final Path file)
    {
        return read(file, null, null);
    }

    /**
     * Verify a snapshot, then restore it into an engine that holds no orders. If the engine has no instruments the
     * snapshot's are defined; otherwise the engine's (defined from configuration) must be the snapshot's first ones,
     * one for one, and the rest (defined at run time) are restored after them.
     *
     * @param file   to load.
     * @param engine to restore into.
     * @return what it held.
     * @throws JournalCorruptedException if the file is damaged (the engine is then untouched).
     * @throws IllegalStateException     if the engine's instruments differ from the snapshot's, or it holds orders.
     */
    public static SnapshotInfo load(final Path file, final MatchingEngine engine)
    {
        return load(file, engine, null);
    }

    /**
     * {@link #load(Path, MatchingEngine)}, telling a listener of each order restored, with its client order id.
     *
     * @param file     to load.
     * @param engine   to restore into.
     * @param listener told of each restored order after it is in the engine, or null.
     * @return what it held.
     * @throws JournalCorruptedException if the file is damaged (the engine is then untouched).
     * @throws IllegalStateException     if the engine's instruments differ from the snapshot's, it holds orders, or
     *                                   the file has another layout version.
     */
    public static SnapshotInfo load(final Path file, final MatchingEngine engine, final RecoveryListener listener)
    {
        if (engine.openOrderCount() != 0 || engine.tradeCount() != 0)
        {
            throw new IllegalStateException("snapshot must be restored into an engine without orders or trades");
        }
        return read(file, engine, listener);
    }

    /**
     * Verify a snapshot held in memory (the bytes {@link SnapshotWriter#write(MatchingEngine, long,
     * java.nio.channels.WritableByteChannel)} wrote, as in a cluster member's snapshot), then restore it into an engine
     * that holds no orders, as {@link #load(Path, MatchingEngine)} does. Produces garbage (control plane).
     *
     * @param bytes  the snapshot, from position to limit (neither is changed).
     * @param name   names the snapshot in errors and in the returned {@link SnapshotInfo#file()}.
     * @param engine to restore into.
     * @return what it held.
     * @throws JournalCorruptedException if the bytes are damaged (the engine is then untouched).
     * @throws IllegalStateException     if the engine's instruments differ from the snapshot's, it holds orders, or
     *                                   the bytes have another layout version.
     */
    public static SnapshotInfo load(final ByteBuffer bytes, final String name, final MatchingEngine engine)
    {
        if (engine.openOrderCount() != 0 || engine.tradeCount() != 0)
        {
            throw new IllegalStateException("snapshot must be restored into an engine without orders or trades");
        }
        final ByteBuffer source = bytes.slice();
        try
        {
            return read(Path.of(name), (dst, position) ->
            {
                if (position >= source.limit())
                {
                    return -1;
                }
                final int length = (int)Math.min(dst.remaining(), source.limit() - position);
                dst.put(dst.position(), source, (int)position, length);
                dst.position(dst.position() + length);
                return length;
            }, source.limit(), false, engine, null);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read snapshot " + name, ex);
        }
    }

    private static void checkInstruments(final SnapshotInfo info, final MatchingEngine engine)
    {
        if (engine.instrumentCount() == 0)
        {
            return;
        }
        final List<Instrument> instruments = info.instruments();
        if (engine.instrumentCount() > instruments.size())
        {
            throw new IllegalStateException("configured instruments (" + engine.instrumentCount() +
                ") are more than in snapshot " + info.file() + " (" + instruments.size() + "); add instruments to a " +
                "running node through the admin API (arbiter admin instrument add), not to the configuration");
        }
        // the configured instruments must be the snapshot's first ones; those after them were defined at run time
        for (int id = 0; id < engine.instrumentCount(); id++)
        {
            final Instrument expected = instruments.get(id);
            final Instrument actual = engine.instrument(id);
            if (!actual.symbol().equals(expected.symbol()) || actual.tickSizeUnits() != expected.tickSizeUnits() ||
                actual.lotSize() != expected.lotSize() ||
                !Objects.equals(actual.baseAsset(), expected.baseAsset()) ||
                !Objects.equals(actual.quoteAsset(), expected.quoteAsset()))
            {
                throw new IllegalStateException("configured instrument " + actual + " differs from " + expected +
                    " in snapshot " + info.file() + "; define instruments in the same order as when it was taken");
            }
        }
    }

    private static SnapshotInfo read(final Path file, final MatchingEngine engine, final RecoveryListener listener)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            return read(file, channel::read, channel.size(), true, engine, listener);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read snapshot " + file, ex);
        }
    }

    private static SnapshotInfo read(
        final Path file,
        final Source source,
        final long size,
        final boolean namedBySequence,
        final MatchingEngine engine,
        final RecoveryListener listener) throws IOException
    {
        final Input input = new Input(source);
        if (size < HEADER_LENGTH + COUNTERS_LENGTH + TRAILER_LENGTH)
        {
            throw new JournalCorruptedException(file, size, snapshotLastSequence(file),
                "snapshot too short: " + size + " bytes");
        }
        checkTrailer(file, input, size);
        final SnapshotInfo info = parse(file, input, size, namedBySequence, null, null);
        if (engine != null)
        {
            checkInstruments(info, engine);
            parse(file, input, size, namedBySequence, engine, listener);
        }
        return info;
    }

    private static void checkTrailer(final Path file, final Input input, final long size) throws IOException
    {
        final long trailer = size - TRAILER_LENGTH;
        final CRC32C crc = new CRC32C();
        input.seek(0);
        for (long position = 0; position < trailer; )
        {
            final int chunk = (int)Math.min(Input.CAPACITY, trailer - position);
            input.ensure(chunk);
            final int offset = input.offset();
            input.view.limit(offset + chunk).position(offset);
            crc.update(input.view);
            input.skip(chunk);
            position += chunk;
        }
        final ByteBuffer buffer = input.ensure(TRAILER_LENGTH);
        final int offset = input.offset();
        if (buffer.getInt(offset + TRAILER_END_MAGIC_OFFSET) != END_MAGIC)
        {
            throw corrupt(file, trailer + TRAILER_END_MAGIC_OFFSET, "bad end magic (incomplete file?)");
        }
        if ((int)crc.getValue() != buffer.getInt(offset + TRAILER_CHECKSUM_OFFSET))
        {
            throw corrupt(file, trailer + TRAILER_CHECKSUM_OFFSET, "checksum mismatch");
        }
    }

    private static SnapshotInfo parse(
        final Path file, final Input input, final long size, final boolean namedBySequence,
        final MatchingEngine engine, final RecoveryListener listener) throws IOException
    {
        final long trailer = size - TRAILER_LENGTH;
        input.seek(0);
        ByteBuffer buffer = input.ensure(HEADER_LENGTH);
        int offset = input.offset();
        if (buffer.getInt(offset + MAGIC_OFFSET) != MAGIC)
        {
            throw corrupt(file, MAGIC_OFFSET, "bad magic");
        }
        if (buffer.getInt(offset + VERSION_OFFSET) != VERSION)
        {
            // not damage: falling back to an older snapshot or a full replay would hide it
            throw new IllegalStateException("snapshot " + file + " has format version " +
                buffer.getInt(offset + VERSION_OFFSET) + ", this build reads version " + VERSION + " only");
        }
        final long lastSequence = buffer.getLong(offset + LAST_SEQUENCE_OFFSET);
        if (namedBySequence && lastSequence != snapshotLastSequence(file))
        {
            throw corrupt(file, LAST_SEQUENCE_OFFSET, "last sequence " + lastSequence + " differs from the file name");
        }
        final int instrumentCount = buffer.getInt(offset + INSTRUMENT_COUNT_OFFSET);
        final long orderCount = buffer.getLong(offset + ORDER_COUNT_OFFSET);
        if (instrumentCount < 0 || orderCount < 0)
        {
            throw corrupt(file, INSTRUMENT_COUNT_OFFSET, "negative count");
        }
        input.skip(HEADER_LENGTH);

        final List<Instrument> instruments = new ArrayList<>(Math.min(instrumentCount, 1024));
        for (int i = 0; i < instrumentCount; i++)
        {
            final long entryPosition = input.position();
            if (entryPosition + SYMBOL_OFFSET > trailer)
            {
                throw corrupt(file, entryPosition, "instrument " + i + " runs past the end");
            }
            buffer = input.ensure(SYMBOL_OFFSET);
            offset = input.offset();
            final int symbolLength = buffer.getInt(offset + SYMBOL_LENGTH_OFFSET);
            final int baseLength = buffer.getInt(offset + BASE_LENGTH_OFFSET);
            final int quoteLength = buffer.getInt(offset + QUOTE_LENGTH_OFFSET);
            final int namesLength = symbolLength + baseLength + quoteLength;
            if (buffer.getInt(offset + INSTRUMENT_ID_OFFSET) != i || symbolLength <= 0 ||
                symbolLength > MAX_SYMBOL_LENGTH || baseLength < 0 || baseLength > MAX_SYMBOL_LENGTH ||
                quoteLength < 0 || quoteLength > MAX_SYMBOL_LENGTH || (baseLength == 0) != (quoteLength == 0) ||
                entryPosition + instrumentLength(namesLength) > trailer)
            {
                throw corrupt(file, entryPosition, "bad instrument entry " + i);
            }
            buffer = input.ensure(instrumentLength(namesLength));
            offset = input.offset();
            final Instrument instrument = new Instrument(i, string(buffer, offset + SYMBOL_OFFSET, symbolLength),
                buffer.getLong(offset + TICK_SIZE_OFFSET), buffer.getLong(offset + LOT_SIZE_OFFSET),
                buffer.getLong(offset + MAX_PRICE_TICKS_OFFSET),
                baseLength == 0 ? null : string(buffer, offset + SYMBOL_OFFSET + symbolLength, baseLength),
                quoteLength == 0 ? null :
                string(buffer, offset + SYMBOL_OFFSET + symbolLength + baseLength, quoteLength));
            instruments.add(instrument);
            if (engine != null)
            {
                final int flags = buffer.getInt(offset + INSTRUMENT_FLAGS_OFFSET);
                if (engine.instrumentCount() == i)
                {
                    engine.restoreInstrument(instrument);
                }
                engine.restoreInstrumentState(i, (flags & FLAG_HALTED) != 0, (flags & FLAG_DELISTED) != 0,
                    buffer.getLong(offset + BAND_OFFSET), buffer.getLong(offset + LAST_TRADE_PRICE_OFFSET));
            }
            input.skip(instrumentLength(namesLength));
        }

        final long riskBytes = size - (input.position() + orderCount * ORDER_LENGTH + COUNTERS_LENGTH + TRAILER_LENGTH);
        if (riskBytes < 0 || riskBytes % RISK_LENGTH != 0)
        {
            throw corrupt(file, input.position(), "size " + size + " does not match " + orderCount +
                " orders and whole risk entries");
        }
        final int riskCount = (int)(riskBytes / RISK_LENGTH);
        for (long i = 0; i < orderCount; i++)
        {
            buffer = input.ensure(ORDER_LENGTH);
            offset = input.offset();
            final int instrumentId = buffer.getInt(offset + ORDER_INSTRUMENT_ID_OFFSET);
            final int side = buffer.get(offset + ORDER_SIDE_OFFSET);
            final int tif = buffer.get(offset + ORDER_TIME_IN_FORCE_OFFSET);
            final int stp = buffer.get(offset + ORDER_STP_OFFSET);
            final int kind = buffer.get(offset + ORDER_KIND_OFFSET);
            final long display = buffer.getLong(offset + ORDER_DISPLAY_OFFSET);
            if (instrumentId < 0 || instrumentId >= instrumentCount || side < 0 || side >= SIDES.length ||
                tif < 0 || tif >= TIFS.length || stp < 0 || stp >= STPS.length ||
                kind != KIND_ORDER && kind != KIND_STOP ||
                kind == KIND_STOP && display != OrderType.STOP_LIMIT.ordinal() &&
                display != OrderType.STOP_MARKET.ordinal())
            {
                throw corrupt(file, input.position(), "bad order entry " + i);
            }
            if (engine != null)
            {
                final long orderId = buffer.getLong(offset + ORDER_ID_OFFSET);
                final long account = buffer.getLong(offset + ORDER_ACCOUNT_OFFSET);
                if (kind == KIND_ORDER)
                {
                    engine.restoreOrder(
                        instrumentId,
                        SIDES[side],
                        orderId,
                        account,
                        buffer.getLong(offset + ORDER_PRICE_OFFSET),
                        buffer.getLong(offset + ORDER_REMAINING_OFFSET),
                        buffer.getLong(offset + ORDER_HIDDEN_OFFSET),
                        display,
                        TIFS[tif],
                        STPS[stp],
                        buffer.getLong(offset + ORDER_EXPIRY_OFFSET),
                        buffer.getLong(offset + ORDER_ACCEPTANCE_OFFSET));
                }
                else
                {
                    engine.restoreStop(
                        instrumentId,
                        SIDES[side],
                        orderId,
                        account,
                        OrderType.get((int)display),
                        buffer.getLong(offset + ORDER_PRICE_OFFSET),
                        buffer.getLong(offset + ORDER_HIDDEN_OFFSET),
                        buffer.getLong(offset + ORDER_REMAINING_OFFSET),
                        TIFS[tif],
                        STPS[stp],
                        buffer.getLong(offset + ORDER_EXPIRY_OFFSET),
                        buffer.getLong(offset + ORDER_ACCEPTANCE_OFFSET));
                }
                if (listener != null)
                {
                    listener.onRestoredOrder(orderId, account, buffer.getLong(offset + ORDER_CLIENT_ORDER_ID_OFFSET));
                }
            }
            input.skip(ORDER_LENGTH);
        }
        readRisk(file, input, riskCount, engine);
        buffer = input.ensure(COUNTERS_LENGTH);
        final long tradeCount = buffer.getLong(input.offset());
        if (engine != null)
        {
            engine.restoreCounters(
                tradeCount, buffer.getLong(input.offset() + 8), buffer.getLong(input.offset() + 16));
        }
        return new SnapshotInfo(file, lastSequence, List.copyOf(instruments), orderCount, tradeCount, size);
    }

    private static void readRisk(final Path file, final Input input, final int riskCount, final MatchingEngine engine)
        throws IOException
    {
        final SnapshotRestorer restorer = engine == null ? null : new SnapshotRestorer(engine);
        for (int i = 0; i < riskCount; i++)
        {
            final ByteBuffer buffer = input.ensure(RISK_LENGTH);
            final int offset = input.offset();
            final int kind = buffer.getInt(offset + RISK_KIND_OFFSET);
            if (kind < RISK_FEES_LIMITS || kind > RISK_HOLD)
            {
                throw corrupt(file, input.position(), "bad risk entry " + i);
            }
            if (restorer != null)
            {
                final int int1 = buffer.getInt(offset + RISK_INT1_OFFSET);
                final int int2 = buffer.getInt(offset + RISK_INT2_OFFSET);
                final int int3 = buffer.getInt(offset + RISK_INT3_OFFSET);
                final long long1 = buffer.getLong(offset + RISK_LONG1_OFFSET);
                final long long2 = buffer.getLong(offset + RISK_LONG2_OFFSET);
                switch (kind)
                {
                    case RISK_FEES_LIMITS -> restorer.onRiskSettings(int1, int2, int3, long1, long2);
                    case RISK_BALANCE ->
                        restorer.onBalance(long1, int1, long2, buffer.getLong(offset + RISK_LONG3_OFFSET));
                    case RISK_DISABLED -> restorer.onDisabledAccount(long1);
                    default -> restorer.onOrderHold(long1, long2, int2, int3);
                }
            }
            input.skip(RISK_LENGTH);
        }
    }

    private static String string(final ByteBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Reads bytes at an absolute position, as {@link FileChannel#read(ByteBuffer, long)} does.
     */
    @FunctionalInterface
    private interface Source
    {
        int read(ByteBuffer dst, long position) throws IOException;
    }

    /**
     * Sequential reader over a file through one direct buffer: {@code ensure(n)} makes n bytes available at
     * {@code offset()}.
     */
    private static final class Input
    {
        static final int CAPACITY = 1024 * 1024;

        final ByteBuffer buffer = JournalDescriptor.allocateDirect(CAPACITY);
        final ByteBuffer view = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        final Source channel;
        long bufferPosition;
        int offset;
        int length;

        Input(final Source channel)
        {
            this.channel = channel;
        }

        void seek(final long position)
        {
            bufferPosition = position;
            offset = 0;
            length = 0;
        }

        long position()
        {
            return bufferPosition + offset;
        }

        int offset()
        {
            return offset;
        }

        void skip(final int bytes)
        {
            offset += bytes;
        }

        ByteBuffer ensure(final int bytes) throws IOException
        {
            if (offset + bytes <= length)
            {
                return buffer;
            }
            final long position = position();
            final int kept = length - offset;
            view.limit(length).position(offset);
            buffer.clear();
            buffer.put(view);
            long readPosition = position + kept;
            while (buffer.hasRemaining())
            {
                final int read = channel.read(buffer, readPosition);
                if (read < 0)
                {
                    break;
                }
                readPosition += read;
            }
            bufferPosition = position;
            offset = 0;
            length = buffer.position();
            buffer.clear();
            if (length < bytes)
            {
                throw new IOException("unexpected end of file at byte " + position);
            }
            return buffer;
        }
    }

    private static JournalCorruptedException corrupt(final Path file, final long position, final String reason)
    {
        return new JournalCorruptedException(file, position, snapshotLastSequence(file), reason);
    }
}
