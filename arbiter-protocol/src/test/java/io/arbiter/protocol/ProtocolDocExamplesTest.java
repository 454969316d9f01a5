package io.arbiter.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.arbiter.protocol.proto.BalanceReport;
import io.arbiter.protocol.proto.ClientMessage;
import io.arbiter.protocol.proto.MassCancel;
import io.arbiter.protocol.proto.ServerMessage;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The hand-derived frames of docs/protocol.md ("Examples") are what the codecs and protobuf-java write, and the doc
 * still shows them.
 */
class ProtocolDocExamplesTest
{
    private static final String MASS_CANCEL = "0D 4A 0B 08 01 12 07 42 54 43 2D 55 53 44";
    private static final String BALANCE_REPORT = "0F 82 01 0C 08 05 12 03 55 53 44 18 96 01 28 01";

    private static byte[] hex(final String text)
    {
        final String[] parts = text.split(" ");
        final byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++)
        {
            bytes[i] = (byte)Integer.parseInt(parts[i], 16);
        }
        return bytes;
    }

    @Test
    void shouldWriteTheMassCancelExampleAsTheDocShowsIt() throws Exception
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final int length = new ClientMessageEncoder().encodeMassCancel(buffer, 0, 64, 1, "BTC-USD");
        final byte[] written = new byte[length];
        buffer.getBytes(0, written);

        assertArrayEquals(hex(MASS_CANCEL), written);
        assertArrayEquals(hex(MASS_CANCEL), Protos.delimited(ClientMessage.newBuilder()
            .setMassCancel(MassCancel.newBuilder().setRequestId(1).setSymbol("BTC-USD")).build()));
        assertDocShows(MASS_CANCEL);
    }

    @Test
    void shouldWriteTheBalanceReportExampleWithItsTwoByteTagAsTheDocShowsIt() throws Exception
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final int length = new ServerMessageEncoder().encodeBalanceReport(buffer, 0, 64, 5, "USD", 150, 0, true);
        final byte[] written = new byte[length];
        buffer.getBytes(0, written);

        assertArrayEquals(hex(BALANCE_REPORT), written);
        assertArrayEquals(hex(BALANCE_REPORT), Protos.delimited(ServerMessage.newBuilder().setBalanceReport(
            BalanceReport.newBuilder().setRequestId(5).setAsset("USD").setAvailable(150).setLast(true)).build()));
        final ServerMessageDecoder decoder = new ServerMessageDecoder(1024);
        assertEquals(FrameStatus.FRAME, decoder.tryDecode(new UnsafeBuffer(written), 0, written.length));
        assertEquals(ServerMessageType.BALANCE_REPORT, decoder.message().type());
        assertEquals(150, decoder.message().available());
        assertDocShows(BALANCE_REPORT);
    }

    private static void assertDocShows(final String frame) throws Exception
    {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("docs/protocol.md")))
        {
            dir = dir.getParent();
        }
        final String doc = Files.readString(dir.resolve("docs/protocol.md"), StandardCharsets.UTF_8);
        assertEquals(true, doc.contains("\n" + frame + "\n"), "docs/protocol.md shows " + frame);
    }
}
