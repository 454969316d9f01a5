package io.arbiter.journal;

import io.arbiter.engine.Command;
import io.arbiter.engine.support.CommandGenerator;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import static io.arbiter.journal.JournalDescriptor.*;
import static org.junit.jupiter.api.Assertions.*;

class JournalDescriptorTest
{
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1024).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer view = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();

    @Test
    void shouldRoundTripEveryCommandField()
    {
        final CommandGenerator generator = CommandGenerator.standalone(42);
        final Command original = new Command();
        final Command decoded = new Command();
        for (int i = 1; i <= 10_000; i++)
        {
            generator.next(original, i * 7919L);
            final int offset = 8 * (i % 40);
            assertEquals(COMMAND_RECORD_LENGTH, encodeCommand(buffer, offset, original, crc, view));
            assertEquals(buffer.getInt(offset + CHECKSUM_OFFSET), checksum(crc, view, offset, COMMAND_RECORD_LENGTH));
            assertTrue(decodeCommand(buffer, offset, decoded.copyFrom(new Command())));
            assertSameFields(original, decoded);
        }
    }

    private static void assertSameFields(final Command expected, final Command actual)
    {
        assertEquals(expected.type(), actual.type());
        assertEquals(expected.sequence(), actual.sequence());
        assertEquals(expected.timestampNs(), actual.timestampNs());
        assertEquals(expected.orderId(), actual.orderId());
        assertEquals(expected.account(), actual.account());
        assertEquals(expected.instrumentId(), actual.instrumentId());
        assertEquals(expected.side(), actual.side());
        assertEquals(expected.orderType(), actual.orderType());
        assertEquals(expected.timeInForce(), actual.timeInForce());
        assertEquals(expected.selfTradePrevention(), actual.selfTradePrevention());
        assertEquals(expected.price(), actual.price());
        assertEquals(expected.quantity(), actual.quantity());
    }

    @Test
    void shouldPutFieldsAtDocumentedLittleEndianOffsets()
    {
        final Command command = new Command().newOrder(0x0102030405060708L, 9, 3,
            io.arbiter.engine.Side.SELL, io.arbiter.engine.OrderType.LIMIT, io.arbiter.engine.TimeInForce.POST_ONLY,
            12_345, 70, io.arbiter.engine.SelfTradePrevention.CANCEL_BOTH).sequence(77).timestampNs(88)
            .stopPrice(4_242).displayQuantity(35).time(99);
        encodeCommand(buffer, 0, command, 0x1112131415161718L, crc, view);
        assertEquals(104, buffer.get(0));
        assertEquals(RECORD_TYPE_COMMAND, buffer.get(4));
        assertEquals(0, buffer.get(5));
        assertEquals(1, buffer.get(6));
        assertEquals(77, buffer.get(8));
        assertEquals(3, buffer.get(16));
        assertEquals(3, buffer.get(17));
        assertEquals(3, buffer.getInt(20));
        assertEquals(88, buffer.get(24));
        assertEquals(0x08, buffer.get(32));
        assertEquals(0x01, buffer.get(39));
        assertEquals(9, buffer.get(40));
        assertEquals(12_345, buffer.getLong(48));
        assertEquals(70, buffer.get(56));
        assertEquals(0x18, buffer.get(64));
        assertEquals(0x11, buffer.get(71));
        assertEquals(4_242, buffer.getLong(72));
        assertEquals(35, buffer.getLong(80));
        assertEquals(99, buffer.getLong(88));
        assertEquals(0, buffer.getInt(96));
        assertEquals(checksum(crc, view, 0, 104), buffer.getInt(100));
        final Command decoded = new Command();
        assertTrue(decodeCommand(buffer, 0, decoded));
        assertEquals(4_242, decoded.stopPrice());
        assertEquals(35, decoded.displayQuantity());
        assertEquals(99, decoded.time());
        assertEquals(0x1112131415161718L, decodeClientOrderId(buffer, 0));
    }

    @Test
    void shouldDetectChecksumFailureInEveryByteButTheChecksum()
    {
        final Command command = CommandGenerator.standalone(7).next(new Command(), 5);
        encodeCommand(buffer, 0, command, crc, view);
        for (int i = 0; i < COMMAND_RECORD_LENGTH; i++)
        {
            buffer.put(i, (byte)(buffer.get(i) ^ 0x10));
            final boolean matches = checksum(crc, view, 0, COMMAND_RECORD_LENGTH) == buffer.getInt(CHECKSUM_OFFSET);
            assertFalse(matches, "flipped byte " + i + " not detected");
            buffer.put(i, (byte)(buffer.get(i) ^ 0x10));
        }
        assertEquals(buffer.getInt(CHECKSUM_OFFSET), checksum(crc, view, 0, COMMAND_RECORD_LENGTH));
    }

    @Test
    void shouldRejectOutOfRangeEnumOrdinals()
    {
        encodeCommand(buffer, 0, CommandGenerator.standalone(1).next(new Command(), 1), crc, view);
        buffer.put(SIDE_OFFSET, (byte)2);
        assertFalse(decodeCommand(buffer, 0, new Command()));
    }

    @Test
    void shouldNameSegmentsWithTwentyDigitSequences()
    {
        assertEquals("journal-00000000000000000042.seg", segmentFileName(42));
        assertEquals(42, segmentFirstSequence(Path.of("/x/journal-00000000000000000042.seg")));
        assertEquals(-1, segmentFirstSequence(Path.of("journal-42.seg")));
        assertEquals(-1, segmentFirstSequence(Path.of("journal-0000000000000000004x.seg")));
        assertEquals(Long.MAX_VALUE, segmentFirstSequence(Path.of(segmentFileName(Long.MAX_VALUE))));
        assertEquals("snapshot-00000000000000000009.snap", SnapshotDescriptor.snapshotFileName(9));
    }
}
