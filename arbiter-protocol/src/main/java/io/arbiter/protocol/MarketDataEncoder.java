package io.arbiter.protocol;

import static io.arbiter.protocol.ProtobufWire.putFixed64Field;
import static io.arbiter.protocol.ProtobufWire.putFrameHeader;
import static io.arbiter.protocol.ProtobufWire.putStringField;
import static io.arbiter.protocol.ProtobufWire.putUint32Field;
import static io.arbiter.protocol.ProtobufWire.putVarint;
import static io.arbiter.protocol.ProtobufWire.putVarintField;
import static io.arbiter.protocol.ProtobufWire.sizeOfFixed64Field;
import static io.arbiter.protocol.ProtobufWire.sizeOfFrame;
import static io.arbiter.protocol.ProtobufWire.sizeOfLengthDelimitedField;
import static io.arbiter.protocol.ProtobufWire.sizeOfUint32Field;
import static io.arbiter.protocol.ProtobufWire.sizeOfVarint;
import static io.arbiter.protocol.ProtobufWire.sizeOfVarintField;
import static io.arbiter.protocol.WireDescriptor.WIRE_FIXED64;
import static io.arbiter.protocol.WireDescriptor.WIRE_LENGTH_DELIMITED;
import static io.arbiter.protocol.WireDescriptor.WIRE_VARINT;
import static io.arbiter.protocol.WireDescriptor.tag;

import org.agrona.MutableDirectBuffer;

/**
 * Encodes {@code arbiter.v1.MarketDataMessage} frames (length prefix included) straight into a
 * {@link MutableDirectBuffer}, computing sizes first and allocating nothing: the bytes are those protobuf-java's
 * {@code writeDelimitedTo} writes for the same values. Levels come from caller-owned columns (side as the wire number
 * of {@code Side}, price, quantity, order count). Every method returns the frame length written, or, when fewer than
 * that many bytes are available, the negated frame length (nothing written). Stateless: any thread may use an
 * instance.
 */
public final class MarketDataEncoder
{
    private static final int MD_SUBSCRIBE_ACK = tag(1, WIRE_LENGTH_DELIMITED);
    private static final int MD_ERROR = tag(2, WIRE_LENGTH_DELIMITED);
    private static final int MD_BOOK_SNAPSHOT = tag(3, WIRE_LENGTH_DELIMITED);
    private static final int MD_BOOK_UPDATE = tag(4, WIRE_LENGTH_DELIMITED);
    private static final int MD_PUBLIC_TRADE = tag(5, WIRE_LENGTH_DELIMITED);
    private static final int MD_TOP_OF_BOOK = tag(6, WIRE_LENGTH_DELIMITED);

    private static final int FIELD1_VARINT = tag(1, WIRE_VARINT);
    private static final int FIELD2_VARINT = tag(2, WIRE_VARINT);
    private static final int FIELD3_VARINT = tag(3, WIRE_VARINT);
    private static final int FIELD4_VARINT = tag(4, WIRE_VARINT);
    private static final int FIELD5_VARINT = tag(5, WIRE_VARINT);
    private static final int FIELD6_VARINT = tag(6, WIRE_VARINT);
    private static final int FIELD7_VARINT = tag(7, WIRE_VARINT);
    private static final int FIELD8_VARINT = tag(8, WIRE_VARINT);
    private static final int FIELD2_STRING = tag(2, WIRE_LENGTH_DELIMITED);
    private static final int FIELD3_STRING = tag(3, WIRE_LENGTH_DELIMITED);
    private static final int FIELD4_STRING = tag(4, WIRE_LENGTH_DELIMITED);
    private static final int SNAPSHOT_LEVELS = tag(5, WIRE_LENGTH_DELIMITED);
    private static final int UPDATE_LEVELS = tag(3, WIRE_LENGTH_DELIMITED);
    private static final int UPDATE_TIMESTAMP_NS = tag(4, WIRE_FIXED64);
    private static final int TRADE_TIMESTAMP_NS = tag(7, WIRE_FIXED64);

    /**
     * @param buffer    to write to.
     * @param offset    of the frame.
     * @param available bytes that may be written from offset.
     * @param requestId of the Subscribe.
     * @param epoch     of the feed.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeSubscribeAck(
        final MutableDirectBuffer buffer, final int offset, final int available, final long requestId, final long epoch)
    {
        final int length = sizeOfVarintField(requestId) + sizeOfVarintField(epoch);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, MD_SUBSCRIBE_ACK, length);
        position = putVarintField(buffer, position, FIELD1_VARINT, requestId);
        putVarintField(buffer, position, FIELD2_VARINT, epoch);
        return frameLength;
    }

    /**
     * @param buffer    to write to.
     * @param offset    of the frame.
     * @param available bytes that may be written from offset.
     * @param requestId of the request in error, or 0.
     * @param code      wire number of {@code MarketDataErrorCode}.
     * @param text      explanation for people.
     * @param symbol    the symbol concerned, or empty.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeError(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final long requestId,
        final int code,
        final CharSequence text,
        final CharSequence symbol)
    {
        final int textLength = Utf8.encodedLength(text);
        final int symbolLength = Utf8.encodedLength(symbol);
        final int length = sizeOfVarintField(requestId) + sizeOfVarintField(code) +
            sizeOfLengthDelimitedField(textLength) + sizeOfLengthDelimitedField(symbolLength);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, MD_ERROR, length);
        position = putVarintField(buffer, position, FIELD1_VARINT, requestId);
        position = putVarintField(buffer, position, FIELD2_VARINT, code);
        position = putStringField(buffer, position, FIELD3_STRING, text, textLength);
        putStringField(buffer, position, FIELD4_STRING, symbol, symbolLength);
        return frameLength;
    }

    /**
     * @param buffer       to write to.
     * @param offset       of the frame.
     * @param available    bytes that may be written from offset.
     * @param instrumentId of the book.
     * @param symbol       of the instrument.
     * @param epoch        of the feed.
     * @param sequence     last sequence number of the stream the snapshot includes.
     * @param conflated    sent in place of increments.
     * @param tickSize     of the instrument, price units.
     * @param lotSize      of the instrument.
     * @param sides        level sides (wire numbers).
     * @param prices       level prices.
     * @param quantities   level total quantities.
     * @param counts       level order counts.
     * @param levelCount   levels to write from index 0 of the columns.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeBookSnapshot(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final int instrumentId,
        final CharSequence symbol,
        final long epoch,
        final long sequence,
        final boolean conflated,
        final long tickSize,
        final long lotSize,
        final int[] sides,
        final long[] prices,
        final long[] quantities,
        final int[] counts,
        final int levelCount)
    {
        final int symbolLength = Utf8.encodedLength(symbol);
        final int length = sizeOfUint32Field(instrumentId) + sizeOfLengthDelimitedField(symbolLength) +
            sizeOfVarintField(epoch) + sizeOfVarintField(sequence) +
            sizeOfLevels(sides, prices, quantities, counts, levelCount) + sizeOfVarintField(conflated ? 1 : 0) +
            sizeOfVarintField(tickSize) + sizeOfVarintField(lotSize);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, MD_BOOK_SNAPSHOT, length);
        position = putUint32Field(buffer, position, FIELD1_VARINT, instrumentId);
        position = putStringField(buffer, position, FIELD2_STRING, symbol, symbolLength);
        position = putVarintField(buffer, position, FIELD3_VARINT, epoch);
        position = putVarintField(buffer, position, FIELD4_VARINT, sequence);
        position = putLevels(buffer, position, SNAPSHOT_LEVELS, sides, prices, quantities, counts, levelCount);
        position = putVarintField(buffer, position, FIELD6_VARINT, conflated ? 1 : 0);
        position = putVarintField(buffer, position, FIELD7_VARINT, tickSize);
        putVarintField(buffer, position, FIELD8_VARINT, lotSize);
        return frameLength;
    }

    /**
     * @param buffer       to write to.
     * @param offset       of the frame.
     * @param available    bytes that may be written from offset.
     * @param instrumentId of the book.
     * @param sequence     of this message in the instrument's stream.
     * @param timestampNs  sequencer time of the command.
     * @param sides        level sides (wire numbers).
     * @param prices       level prices.
     * @param quantities   level total quantities (0 = gone).
     * @param counts       level order counts (0 = gone).
     * @param levelCount   levels to write from index 0 of the columns.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeBookUpdate(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final int instrumentId,
        final long sequence,
        final long timestampNs,
        final int[] sides,
        final long[] prices,
        final long[] quantities,
        final int[] counts,
        final int levelCount)
    {
        final int length = sizeOfUint32Field(instrumentId) + sizeOfVarintField(sequence) +
            sizeOfLevels(sides, prices, quantities, counts, levelCount) + sizeOfFixed64Field(timestampNs);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, MD_BOOK_UPDATE, length);
        position = putUint32Field(buffer, position, FIELD1_VARINT, instrumentId);
        position = putVarintField(buffer, position, FIELD2_VARINT, sequence);
        position = putLevels(buffer, position, UPDATE_LEVELS, sides, prices, quantities, counts, levelCount);
        putFixed64Field(buffer, position, UPDATE_TIMESTAMP_NS, timestampNs);
        return frameLength;
    }

    /**
     * @param buffer        to write to.
     * @param offset        of the frame.
     * @param available     bytes that may be written from offset.
     * @param instrumentId  of the book.
     * @param sequence      of this message in the instrument's stream.
     * @param tradeId       the engine's trade id.
     * @param price         trade price.
     * @param quantity      traded quantity.
     * @param aggressorSide wire number of the incoming order's side.
     * @param timestampNs   sequencer time of the command.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodePublicTrade(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final int instrumentId,
        final long sequence,
        final long tradeId,
        final long price,
        final long quantity,
        final int aggressorSide,
        final long timestampNs)
    {
        final int length = sizeOfUint32Field(instrumentId) + sizeOfVarintField(sequence) +
            sizeOfVarintField(tradeId) + sizeOfVarintField(price) + sizeOfVarintField(quantity) +
            sizeOfVarintField(aggressorSide) + sizeOfFixed64Field(timestampNs);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, MD_PUBLIC_TRADE, length);
        position = putUint32Field(buffer, position, FIELD1_VARINT, instrumentId);
        position = putVarintField(buffer, position, FIELD2_VARINT, sequence);
        position = putVarintField(buffer, position, FIELD3_VARINT, tradeId);
        position = putVarintField(buffer, position, FIELD4_VARINT, price);
        position = putVarintField(buffer, position, FIELD5_VARINT, quantity);
        position = putVarintField(buffer, position, FIELD6_VARINT, aggressorSide);
        putFixed64Field(buffer, position, TRADE_TIMESTAMP_NS, timestampNs);
        return frameLength;
    }

    /**
     * @param buffer       to write to.
     * @param offset       of the frame.
     * @param available    bytes that may be written from offset.
     * @param instrumentId of the book.
     * @param sequence     last message of the instrument's stream it reflects.
     * @param bidPrice     best bid price, 0 if none.
     * @param bidQuantity  quantity at the best bid.
     * @param askPrice     best ask price, 0 if none.
     * @param askQuantity  quantity at the best ask.
     * @return frame length, or its negation if it does not fit.
     */
    public int encodeTopOfBook(
        final MutableDirectBuffer buffer,
        final int offset,
        final int available,
        final int instrumentId,
        final long sequence,
        final long bidPrice,
        final long bidQuantity,
        final long askPrice,
        final long askQuantity)
    {
        final int length = sizeOfUint32Field(instrumentId) + sizeOfVarintField(sequence) +
            sizeOfVarintField(bidPrice) + sizeOfVarintField(bidQuantity) + sizeOfVarintField(askPrice) +
            sizeOfVarintField(askQuantity);
        final int frameLength = sizeOfFrame(length);
        if (frameLength > available)
        {
            return -frameLength;
        }
        int position = putFrameHeader(buffer, offset, MD_TOP_OF_BOOK, length);
        position = putUint32Field(buffer, position, FIELD1_VARINT, instrumentId);
        position = putVarintField(buffer, position, FIELD2_VARINT, sequence);
        position = putVarintField(buffer, position, FIELD3_VARINT, bidPrice);
        position = putVarintField(buffer, position, FIELD4_VARINT, bidQuantity);
        position = putVarintField(buffer, position, FIELD5_VARINT, askPrice);
        putVarintField(buffer, position, FIELD6_VARINT, askQuantity);
        return frameLength;
    }

    private static int sizeOfLevel(final int side, final long price, final long quantity, final int count)
    {
        return sizeOfVarintField(side) + sizeOfVarintField(price) + sizeOfVarintField(quantity) +
            sizeOfUint32Field(count);
    }

    private static int sizeOfLevels(
        final int[] sides, final long[] prices, final long[] quantities, final int[] counts, final int levelCount)
    {
        int size = 0;
        for (int i = 0; i < levelCount; i++)
        {
            final int levelLength = sizeOfLevel(sides[i], prices[i], quantities[i], counts[i]);
            size += 1 + sizeOfVarint(levelLength) + levelLength;
        }
        return size;
    }

    private static int putLevels(
        final MutableDirectBuffer buffer,
        final int offset,
        final int fieldTag,
        final int[] sides,
        final long[] prices,
        final long[] quantities,
        final int[] counts,
        final int levelCount)
    {
        int position = offset;
        for (int i = 0; i < levelCount; i++)
        {
            final int levelLength = sizeOfLevel(sides[i], prices[i], quantities[i], counts[i]);
            buffer.putByte(position++, (byte)fieldTag);
            position = putVarint(buffer, position, levelLength);
            position = putVarintField(buffer, position, FIELD1_VARINT, sides[i]);
            position = putVarintField(buffer, position, FIELD2_VARINT, prices[i]);
            position = putVarintField(buffer, position, FIELD3_VARINT, quantities[i]);
            position = putUint32Field(buffer, position, FIELD4_VARINT, counts[i]);
        }
        return position;
    }
}
