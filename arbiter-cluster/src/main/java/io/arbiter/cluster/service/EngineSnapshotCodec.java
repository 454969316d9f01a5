package io.arbiter.cluster.service;

import io.arbiter.engine.Instrument;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.SnapshotListener;
import io.arbiter.engine.TimeInForce;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes the engine's state ({@link MatchingEngine#snapshot}) into a buffer and restores it into an empty engine, for
 * the cluster's snapshots. The bytes, little-endian: instrument count, then per instrument its tick size, lot size and
 * symbol (length-prefixed UTF-8); order count, then per order instrument id, side, time in force, self-trade
 * prevention (one int each), order id, account, price units and remaining quantity (one long each); then the trade
 * count. Service thread only; produces garbage (snapshots are the control plane).
 */
final class EngineSnapshotCodec implements SnapshotListener
{
    private static final int ORDER_LENGTH = 48;

    private ExpandableDirectByteBuffer out;
    private int position;
    private int instrumentCount;
    private int instrumentCountOffset;
    private int orderCount;
    private int orderCountOffset = -1;

    /**
     * @param engine to write.
     * @param buffer to write into.
     * @param offset where to start.
     * @return the offset after the written bytes.
     */
    int encode(final MatchingEngine engine, final ExpandableDirectByteBuffer buffer, final int offset)
    {
        out = buffer;
        instrumentCountOffset = offset;
        position = offset + 4;
        instrumentCount = 0;
        orderCount = 0;
        orderCountOffset = -1;
        engine.snapshot(this);
        if (orderCountOffset < 0)
        {
            startOrders();
        }
        out.putInt(orderCountOffset, orderCount, ByteOrder.LITTLE_ENDIAN);
        out = null;
        return position;
    }

    @Override
    public void onInstrument(final Instrument instrument)
    {
        final byte[] symbol = instrument.symbol().getBytes(StandardCharsets.UTF_8);
        out.putLong(position, instrument.tickSizeUnits(), ByteOrder.LITTLE_ENDIAN);
        out.putLong(position + 8, instrument.lotSize(), ByteOrder.LITTLE_ENDIAN);
        out.putInt(position + 16, symbol.length, ByteOrder.LITTLE_ENDIAN);
        out.putBytes(position + 20, symbol);
        position += 20 + symbol.length;
        out.putInt(instrumentCountOffset, ++instrumentCount, ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void onOrder(
        final int instrumentId,
        final Side side,
        final long orderId,
        final long account,
        final long priceUnits,
        final long remaining,
        final TimeInForce timeInForce,
        final SelfTradePrevention selfTradePrevention)
    {
        if (orderCountOffset < 0)
        {
            startOrders();
        }
        out.putInt(position, instrumentId, ByteOrder.LITTLE_ENDIAN);
        out.putInt(position + 4, side.ordinal(), ByteOrder.LITTLE_ENDIAN);
        out.putInt(position + 8, timeInForce.ordinal(), ByteOrder.LITTLE_ENDIAN);
        out.putInt(position + 12, selfTradePrevention.ordinal(), ByteOrder.LITTLE_ENDIAN);
        out.putLong(position + 16, orderId, ByteOrder.LITTLE_ENDIAN);
        out.putLong(position + 24, account, ByteOrder.LITTLE_ENDIAN);
        out.putLong(position + 32, priceUnits, ByteOrder.LITTLE_ENDIAN);
        out.putLong(position + 40, remaining, ByteOrder.LITTLE_ENDIAN);
        position += ORDER_LENGTH;
        orderCount++;
    }

    @Override
    public void onCounters(final long tradeCount)
    {
        if (orderCountOffset < 0)
        {
            startOrders();
        }
        out.putLong(position, tradeCount, ByteOrder.LITTLE_ENDIAN);
        position += 8;
    }

    private void startOrders()
    {
        orderCountOffset = position;
        position += 4;
    }

    /**
     * Restore the state written by {@link #encode} into an engine with no instruments.
     *
     * @param in     snapshot bytes.
     * @param offset where the engine state starts.
     * @param engine to restore into.
     * @return the offset after the engine state.
     */
    static int decode(final DirectBuffer in, final int offset, final MatchingEngine engine)
    {
        int position = offset;
        final int instruments = in.getInt(position, ByteOrder.LITTLE_ENDIAN);
        position += 4;
        for (int id = 0; id < instruments; id++)
        {
            final long tickSize = in.getLong(position, ByteOrder.LITTLE_ENDIAN);
            final long lotSize = in.getLong(position + 8, ByteOrder.LITTLE_ENDIAN);
            final int symbolLength = in.getInt(position + 16, ByteOrder.LITTLE_ENDIAN);
            final String symbol = in.getStringWithoutLengthUtf8(position + 20, symbolLength);
            position += 20 + symbolLength;
            engine.addInstrument(symbol, tickSize, lotSize);
        }
        final int orders = in.getInt(position, ByteOrder.LITTLE_ENDIAN);
        position += 4;
        for (int i = 0; i < orders; i++)
        {
            engine.restoreOrder(
                in.getInt(position, ByteOrder.LITTLE_ENDIAN),
                Side.get(in.getInt(position + 4, ByteOrder.LITTLE_ENDIAN)),
                in.getLong(position + 16, ByteOrder.LITTLE_ENDIAN),
                in.getLong(position + 24, ByteOrder.LITTLE_ENDIAN),
                in.getLong(position + 32, ByteOrder.LITTLE_ENDIAN),
                in.getLong(position + 40, ByteOrder.LITTLE_ENDIAN),
                TimeInForce.get(in.getInt(position + 8, ByteOrder.LITTLE_ENDIAN)),
                SelfTradePrevention.get(in.getInt(position + 12, ByteOrder.LITTLE_ENDIAN)));
            position += ORDER_LENGTH;
        }
        engine.restoreCounters(in.getLong(position, ByteOrder.LITTLE_ENDIAN));
        return position + 8;
    }
}
