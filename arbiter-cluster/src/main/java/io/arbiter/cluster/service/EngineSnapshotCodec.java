package io.arbiter.cluster.service;

import io.arbiter.engine.Instrument;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
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
 * the cluster's snapshots. Each {@link SnapshotListener} call becomes one entry: a tag byte, then its arguments in
 * order, little-endian (ints for ids, flags and enum ordinals, longs for quantities, prices and times; an instrument
 * is its id, tick size, lot size, maximum price ticks and length-prefixed UTF-8 symbol); an end tag closes the state.
 * Restoring replays the entries into the engine's restore methods in the same order. Service thread only; produces
 * garbage (snapshots are the control plane).
 */
final class EngineSnapshotCodec implements SnapshotListener
{
    private static final byte INSTRUMENT = 1;
    private static final byte INSTRUMENT_STATE = 2;
    private static final byte ORDER = 3;
    private static final byte STOP = 4;
    private static final byte COUNTERS = 5;
    private static final byte END = 6;

    private ExpandableDirectByteBuffer out;
    private int position;

    /**
     * @param engine to write.
     * @param buffer to write into.
     * @param offset where to start.
     * @return the offset after the written bytes.
     */
    int encode(final MatchingEngine engine, final ExpandableDirectByteBuffer buffer, final int offset)
    {
        out = buffer;
        position = offset;
        engine.snapshot(this);
        out.putByte(position++, END);
        out = null;
        return position;
    }

    @Override
    public void onInstrument(final Instrument instrument)
    {
        final byte[] symbol = instrument.symbol().getBytes(StandardCharsets.UTF_8);
        tag(INSTRUMENT);
        putInt(instrument.id());
        putLong(instrument.tickSizeUnits());
        putLong(instrument.lotSize());
        putLong(instrument.maxPriceTicks());
        putInt(symbol.length);
        out.putBytes(position, symbol);
        position += symbol.length;
    }

    @Override
    public void onInstrumentState(
        final int instrumentId,
        final boolean halted,
        final boolean delisted,
        final long bandHundredths,
        final long lastTradePrice)
    {
        tag(INSTRUMENT_STATE);
        putInt(instrumentId);
        putInt(halted ? 1 : 0);
        putInt(delisted ? 1 : 0);
        putLong(bandHundredths);
        putLong(lastTradePrice);
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
        tag(ORDER);
        putInt(instrumentId);
        putInt(side.ordinal());
        putLong(orderId);
        putLong(account);
        putLong(priceUnits);
        putLong(remaining);
        putLong(hidden);
        putLong(display);
        putInt(timeInForce.ordinal());
        putInt(selfTradePrevention.ordinal());
        putLong(expiry);
        putLong(acceptance);
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
        tag(STOP);
        putInt(instrumentId);
        putInt(side.ordinal());
        putLong(orderId);
        putLong(account);
        putInt(orderType.ordinal());
        putLong(priceUnits);
        putLong(stopUnits);
        putLong(quantity);
        putInt(timeInForce.ordinal());
        putInt(selfTradePrevention.ordinal());
        putLong(expiry);
        putLong(acceptance);
    }

    @Override
    public void onCounters(final long tradeCount, final long clock, final long acceptances)
    {
        tag(COUNTERS);
        putLong(tradeCount);
        putLong(clock);
        putLong(acceptances);
    }

    private void tag(final byte tag)
    {
        out.putByte(position++, tag);
    }

    private void putInt(final int value)
    {
        out.putInt(position, value, ByteOrder.LITTLE_ENDIAN);
        position += 4;
    }

    private void putLong(final long value)
    {
        out.putLong(position, value, ByteOrder.LITTLE_ENDIAN);
        position += 8;
    }

    /**
     * Restore the state written by {@link #encode} into an engine with no instruments.
     *
     * @param in     snapshot bytes.
     * @param offset where the engine state starts.
     * @param engine to restore into.
     * @return the offset after the engine state.
     * @throws IllegalStateException if an entry is unknown.
     */
    static int decode(final DirectBuffer in, final int offset, final MatchingEngine engine)
    {
        final Reader reader = new Reader(in, offset);
        while (true)
        {
            final byte tag = in.getByte(reader.position++);
            switch (tag)
            {
                case INSTRUMENT ->
                {
                    final int id = reader.i();
                    final long tick = reader.l();
                    final long lot = reader.l();
                    final long maxPriceTicks = reader.l();
                    final int length = reader.i();
                    final String symbol = in.getStringWithoutLengthUtf8(reader.position, length);
                    reader.position += length;
                    engine.restoreInstrument(new Instrument(id, symbol, tick, lot, maxPriceTicks));
                }
                case INSTRUMENT_STATE -> engine.restoreInstrumentState(
                    reader.i(), reader.i() == 1, reader.i() == 1, reader.l(), reader.l());
                case ORDER -> engine.restoreOrder(reader.i(), Side.get(reader.i()), reader.l(), reader.l(),
                    reader.l(), reader.l(), reader.l(), reader.l(), reader.tif(), reader.stp(), reader.l(), reader.l());
                case STOP -> engine.restoreStop(reader.i(), Side.get(reader.i()), reader.l(), reader.l(),
                    OrderType.get(reader.i()), reader.l(), reader.l(), reader.l(), reader.tif(), reader.stp(),
                    reader.l(), reader.l());
                case COUNTERS -> engine.restoreCounters(reader.l(), reader.l(), reader.l());
                case END ->
                {
                    return reader.position;
                }
                default -> throw new IllegalStateException("unknown engine snapshot entry " + tag + " at " +
                    (reader.position - 1));
            }
        }
    }

    /**
     * Reads fields in order; Java evaluates arguments left to right, so a call's arguments read in entry order.
     */
    private static final class Reader
    {
        private final DirectBuffer in;
        private int position;

        Reader(final DirectBuffer in, final int position)
        {
            this.in = in;
            this.position = position;
        }

        int i()
        {
            final int value = in.getInt(position, ByteOrder.LITTLE_ENDIAN);
            position += 4;
            return value;
        }

        long l()
        {
            final long value = in.getLong(position, ByteOrder.LITTLE_ENDIAN);
            position += 8;
            return value;
        }

        TimeInForce tif()
        {
            return TimeInForce.get(i());
        }

        SelfTradePrevention stp()
        {
            return SelfTradePrevention.get(i());
        }
    }
}
