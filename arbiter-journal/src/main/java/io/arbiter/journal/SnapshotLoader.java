package io.arbiter.journal;

import io.arbiter.engine.Instrument;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import org.agrona.IoUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static io.arbiter.journal.SnapshotDescriptor.*;

/**
 * Verifies snapshot files (checksum and structure) and restores them into an engine. A file is verified completely
 * before anything is restored, so a corrupt snapshot leaves the engine untouched. Use on the thread that owns the
 * engine; control plane (produces garbage).
 */
public final class SnapshotLoader
{
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
        return read(file, null);
    }

    /**
     * Verify a snapshot, then restore it into an engine that holds no orders. If the engine has no instruments the
     * snapshot's are defined; otherwise the engine's (defined from configuration) must match them one for one.
     *
     * @param file   to load.
     * @param engine to restore into.
     * @return what it held.
     * @throws JournalCorruptedException if the file is damaged (the engine is then untouched).
     * @throws IllegalStateException     if the engine's instruments differ from the snapshot's, or it holds orders.
     */
    public static SnapshotInfo load(final Path file, final MatchingEngine engine)
    {
        if (engine.openOrderCount() != 0 || engine.tradeCount() != 0)
        {
            throw new IllegalStateException("snapshot must be restored into an engine without orders or trades");
        }
        return read(file, engine);
    }

    private static void checkInstruments(final SnapshotInfo info, final MatchingEngine engine)
    {
        if (engine.instrumentCount() == 0)
        {
            return;
        }
        final List<Instrument> instruments = info.instruments();
        if (engine.instrumentCount() != instruments.size())
        {
            throw new IllegalStateException("configured instruments (" + engine.instrumentCount() +
                ") differ from snapshot " + info.file() + " (" + instruments.size() + ")");
        }
        for (final Instrument expected : instruments)
        {
            final Instrument actual = engine.instrument(expected.id());
            if (!actual.symbol().equals(expected.symbol()) || actual.tickSizeUnits() != expected.tickSizeUnits() ||
                actual.lotSize() != expected.lotSize())
            {
                throw new IllegalStateException("configured instrument " + actual + " differs from " + expected +
                    " in snapshot " + info.file() + "; define instruments in the same order as when it was taken");
            }
        }
    }

    private static SnapshotInfo read(final Path file, final MatchingEngine engine)
    {
        MappedByteBuffer mapped = null;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size < HEADER_LENGTH + COUNTERS_LENGTH + TRAILER_LENGTH)
            {
                throw new JournalCorruptedException(file, size, JournalCorruptedException.NO_SEQUENCE,
                    "snapshot too short: " + size + " bytes");
            }
            if (size > Integer.MAX_VALUE)
            {
                throw new JournalCorruptedException(file, 0, JournalCorruptedException.NO_SEQUENCE,
                    "snapshot larger than 2 GiB is not supported: " + size + " bytes");
            }
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            mapped.order(ByteOrder.LITTLE_ENDIAN);
            return engine == null ? check(file, mapped, (int)size) : restore(file, mapped, engine);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read snapshot " + file, ex);
        }
        finally
        {
            if (mapped != null)
            {
                IoUtil.unmap(mapped);
            }
        }
    }

    private static SnapshotInfo check(final Path file, final MappedByteBuffer buffer, final int size)
    {
        final int trailer = size - TRAILER_LENGTH;
        if (buffer.getInt(MAGIC_OFFSET) != MAGIC)
        {
            throw corrupt(file, MAGIC_OFFSET, "bad magic");
        }
        if (buffer.getInt(VERSION_OFFSET) != VERSION)
        {
            throw corrupt(file, VERSION_OFFSET, "unsupported version " + buffer.getInt(VERSION_OFFSET));
        }
        if (buffer.getInt(trailer + TRAILER_END_MAGIC_OFFSET) != END_MAGIC)
        {
            throw corrupt(file, trailer + TRAILER_END_MAGIC_OFFSET, "bad end magic (incomplete file?)");
        }
        final CRC32C crc = new CRC32C();
        buffer.limit(trailer).position(0);
        crc.update(buffer);
        buffer.clear();
        if ((int)crc.getValue() != buffer.getInt(trailer + TRAILER_CHECKSUM_OFFSET))
        {
            throw corrupt(file, trailer + TRAILER_CHECKSUM_OFFSET, "checksum mismatch");
        }
        final long lastSequence = buffer.getLong(LAST_SEQUENCE_OFFSET);
        if (lastSequence != snapshotLastSequence(file))
        {
            throw corrupt(file, LAST_SEQUENCE_OFFSET, "last sequence " + lastSequence + " differs from the file name");
        }
        final int instrumentCount = buffer.getInt(INSTRUMENT_COUNT_OFFSET);
        final long orderCount = buffer.getLong(ORDER_COUNT_OFFSET);
        if (instrumentCount < 0 || orderCount < 0)
        {
            throw corrupt(file, INSTRUMENT_COUNT_OFFSET, "negative count");
        }
        final List<Instrument> instruments = new ArrayList<>(Math.min(instrumentCount, 1024));
        int offset = HEADER_LENGTH;
        for (int i = 0; i < instrumentCount; i++)
        {
            if (offset + SYMBOL_OFFSET > trailer)
            {
                throw corrupt(file, offset, "instrument " + i + " runs past the end");
            }
            final int symbolLength = buffer.getInt(offset + SYMBOL_LENGTH_OFFSET);
            if (buffer.getInt(offset + INSTRUMENT_ID_OFFSET) != i || symbolLength <= 0 ||
                symbolLength > MAX_SYMBOL_LENGTH || offset + instrumentLength(symbolLength) > trailer)
            {
                throw corrupt(file, offset, "bad instrument entry " + i);
            }
            final byte[] symbol = new byte[symbolLength];
            buffer.get(offset + SYMBOL_OFFSET, symbol);
            instruments.add(new Instrument(i, new String(symbol, StandardCharsets.UTF_8),
                buffer.getLong(offset + TICK_SIZE_OFFSET), buffer.getLong(offset + LOT_SIZE_OFFSET),
                buffer.getLong(offset + MAX_PRICE_TICKS_OFFSET)));
            offset += instrumentLength(symbolLength);
        }
        final long expectedSize = offset + orderCount * ORDER_LENGTH + COUNTERS_LENGTH + TRAILER_LENGTH;
        if (expectedSize != size)
        {
            throw corrupt(file, offset, "size " + size + " does not match " + orderCount + " orders (" +
                expectedSize + " bytes)");
        }
        for (long i = 0; i < orderCount; i++)
        {
            final int entry = offset + (int)(i * ORDER_LENGTH);
            final int instrumentId = buffer.getInt(entry + ORDER_INSTRUMENT_ID_OFFSET);
            final int side = buffer.get(entry + ORDER_SIDE_OFFSET);
            final int tif = buffer.get(entry + ORDER_TIME_IN_FORCE_OFFSET);
            final int stp = buffer.get(entry + ORDER_STP_OFFSET);
            if (instrumentId < 0 || instrumentId >= instrumentCount || side < 0 || side > 1 ||
                tif < 0 || tif >= TimeInForce.values().length || stp < 0 || stp >= SelfTradePrevention.values().length)
            {
                throw corrupt(file, entry, "bad order entry " + i);
            }
        }
        final long tradeCount = buffer.getLong(trailer - COUNTERS_LENGTH);
        return new SnapshotInfo(file, lastSequence, List.copyOf(instruments), orderCount, tradeCount, size);
    }

    private static SnapshotInfo restore(final Path file, final MappedByteBuffer buffer, final MatchingEngine engine)
    {
        final SnapshotInfo info = check(file, buffer, buffer.capacity());
        checkInstruments(info, engine);
        if (engine.instrumentCount() == 0)
        {
            for (final Instrument instrument : info.instruments())
            {
                engine.restoreInstrument(instrument);
            }
        }
        int offset = HEADER_LENGTH;
        for (int i = 0, n = info.instruments().size(); i < n; i++)
        {
            offset += instrumentLength(buffer.getInt(offset + SYMBOL_LENGTH_OFFSET));
        }
        for (long i = 0, n = info.orderCount(); i < n; i++)
        {
            final int entry = offset + (int)(i * ORDER_LENGTH);
            engine.restoreOrder(
                buffer.getInt(entry + ORDER_INSTRUMENT_ID_OFFSET),
                Side.get(buffer.get(entry + ORDER_SIDE_OFFSET)),
                buffer.getLong(entry + ORDER_ID_OFFSET),
                buffer.getLong(entry + ORDER_ACCOUNT_OFFSET),
                buffer.getLong(entry + ORDER_PRICE_OFFSET),
                buffer.getLong(entry + ORDER_REMAINING_OFFSET),
                TimeInForce.get(buffer.get(entry + ORDER_TIME_IN_FORCE_OFFSET)),
                SelfTradePrevention.get(buffer.get(entry + ORDER_STP_OFFSET)));
        }
        engine.restoreCounters(info.tradeCount());
        return info;
    }

    private static JournalCorruptedException corrupt(final Path file, final long position, final String reason)
    {
        return new JournalCorruptedException(file, position, snapshotLastSequence(file), reason);
    }
}
