package io.arbiter.marketdata;

import io.arbiter.protocol.MarketDataEncoder;
import io.arbiter.protocol.proto.BookLevel;
import io.arbiter.protocol.proto.BookSnapshot;
import io.arbiter.protocol.proto.BookUpdate;
import io.arbiter.protocol.proto.MarketDataError;
import io.arbiter.protocol.proto.MarketDataErrorCode;
import io.arbiter.protocol.proto.MarketDataMessage;
import io.arbiter.protocol.proto.PublicTrade;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.SubscribeAck;
import io.arbiter.protocol.proto.TopOfBook;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link MarketDataEncoder} writes exactly the bytes protobuf-java's {@code writeDelimitedTo} writes for the same
 * {@code MarketDataMessage}, and refuses (negated length, nothing written) when the buffer is too small.
 */
class MarketDataEncoderTest
{
    private final MarketDataEncoder encoder = new MarketDataEncoder();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final int[] sides = {1, 1, 2};
    private final long[] prices = {10_000_000_000L, 9_900_000_000L, 10_100_000_000L};
    private final long[] quantities = {5, 0, 1_000_000_000_000L};
    private final int[] counts = {2, 0, 70_000};

    @Test
    void shouldEncodeABookUpdateAsProtobufDoes() throws IOException
    {
        final int length = encoder.encodeBookUpdate(buffer, 0, buffer.capacity(), 3, 42, 1_700_000_000_123L,
            sides, prices, quantities, counts, 3);

        final BookUpdate.Builder update = BookUpdate.newBuilder().setInstrumentId(3).setSequence(42)
            .setTimestampNs(1_700_000_000_123L);
        for (int i = 0; i < 3; i++)
        {
            update.addLevels(level(i));
        }
        assertBytes(MarketDataMessage.newBuilder().setBookUpdate(update).build(), length);
    }

    @Test
    void shouldEncodeASnapshotAsProtobufDoes() throws IOException
    {
        final int length = encoder.encodeBookSnapshot(buffer, 0, buffer.capacity(), 0, "BTC-USD", 77, 0, true,
            1_000_000, 1, sides, prices, quantities, counts, 3);

        final BookSnapshot.Builder snapshot = BookSnapshot.newBuilder().setSymbol("BTC-USD").setEpoch(77)
            .setConflated(true).setTickSize(1_000_000).setLotSize(1);
        for (int i = 0; i < 3; i++)
        {
            snapshot.addLevels(level(i));
        }
        assertBytes(MarketDataMessage.newBuilder().setBookSnapshot(snapshot).build(), length);
    }

    @Test
    void shouldEncodeTradesTopsAcksAndErrorsAsProtobufDoes() throws IOException
    {
        int length = encoder.encodePublicTrade(buffer, 0, buffer.capacity(), 1, 9, 123, 10_000_000_000L, 7, 2, 55);
        assertBytes(MarketDataMessage.newBuilder().setPublicTrade(PublicTrade.newBuilder().setInstrumentId(1)
            .setSequence(9).setTradeId(123).setPrice(10_000_000_000L).setQuantity(7).setAggressorSide(Side.SELL)
            .setTimestampNs(55)).build(), length);

        length = encoder.encodeTopOfBook(buffer, 0, buffer.capacity(), 2, 10, 5, 6, 0, 0);
        assertBytes(MarketDataMessage.newBuilder().setTopOfBook(TopOfBook.newBuilder().setInstrumentId(2)
            .setSequence(10).setBidPrice(5).setBidQuantity(6)).build(), length);

        length = encoder.encodeSubscribeAck(buffer, 0, buffer.capacity(), 4, 1234);
        assertBytes(MarketDataMessage.newBuilder().setSubscribeAck(SubscribeAck.newBuilder().setRequestId(4)
            .setEpoch(1234)).build(), length);

        length = encoder.encodeError(buffer, 0, buffer.capacity(), 4,
            MarketDataErrorCode.MARKET_DATA_ERROR_UNKNOWN_SYMBOL.getNumber(), "unknown symbol: X€", "X€");
        assertBytes(MarketDataMessage.newBuilder().setError(MarketDataError.newBuilder().setRequestId(4)
            .setCode(MarketDataErrorCode.MARKET_DATA_ERROR_UNKNOWN_SYMBOL).setText("unknown symbol: X€")
            .setSymbol("X€")).build(), length);
    }

    @Test
    void shouldRefuseWhenTheFrameDoesNotFit()
    {
        final int needed = encoder.encodeBookUpdate(buffer, 0, buffer.capacity(), 3, 42, 1, sides, prices,
            quantities, counts, 3);
        Arrays.fill(buffer.byteArray(), (byte)0);

        assertEquals(-needed, encoder.encodeBookUpdate(buffer, 0, needed - 1, 3, 42, 1, sides, prices, quantities,
            counts, 3));
        assertEquals(0, buffer.getByte(0));
    }

    private BookLevel level(final int i)
    {
        return BookLevel.newBuilder().setSideValue(sides[i]).setPrice(prices[i]).setQuantity(quantities[i])
            .setOrderCount(counts[i]).build();
    }

    private void assertBytes(final MarketDataMessage expected, final int length) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        expected.writeDelimitedTo(out);
        assertArrayEquals(out.toByteArray(), Arrays.copyOf(buffer.byteArray(), length));
    }
}
