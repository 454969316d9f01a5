package io.arbiter.marketdata;

import static io.arbiter.marketdata.FeedRecordDescriptor.*;

import io.arbiter.engine.LevelListener;
import io.arbiter.engine.Side;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The matching thread's side of the feed: writes the engine's level changes and trades, each tagged with the journal
 * sequence and time of the command that caused them, into a one-to-one ring read by the {@link MarketDataAgent}. It
 * never waits: when the ring is full the record is dropped and counted, and the feed reports an overrun to its
 * subscribers. Inactive (writes nothing) until {@link #activate()}, so that journal recovery does not fill the ring.
 * Matching thread only; allocates nothing.
 */
public final class MarketDataPublisher implements LevelListener
{
    private final RingBuffer ring;
    private long commandSequence;
    private long timestampNs;
    private boolean active;
    private volatile long dropped;

    /**
     * @param ring one-to-one ring the feed thread reads.
     */
    public MarketDataPublisher(final RingBuffer ring)
    {
        this.ring = ring;
    }

    /**
     * Start writing records (control plane, before the ring of commands starts).
     */
    public void activate()
    {
        active = true;
    }

    /**
     * The next events belong to this command.
     *
     * @param sequence    journal sequence of the command.
     * @param timestampNs sequencer time of the command.
     */
    public void beginCommand(final long sequence, final long timestampNs)
    {
        this.commandSequence = sequence;
        this.timestampNs = timestampNs;
    }

    /**
     * A trade of the current command.
     *
     * @param tradeId      engine trade id.
     * @param instrumentId of the book.
     * @param price        trade price.
     * @param quantity     traded quantity.
     * @param takerSide    side of the aggressor.
     */
    public void onTrade(
        final long tradeId, final int instrumentId, final long price, final long quantity, final Side takerSide)
    {
        if (!active)
        {
            return;
        }
        final int index = ring.tryClaim(TRADE, TRADE_LENGTH);
        if (index <= 0)
        {
            dropped++;
            return;
        }
        final AtomicBuffer buffer = ring.buffer();
        buffer.putLong(index + SEQUENCE_OFFSET, commandSequence);
        buffer.putLong(index + TIMESTAMP_OFFSET, timestampNs);
        buffer.putLong(index + PRICE_OFFSET, price);
        buffer.putLong(index + QUANTITY_OFFSET, quantity);
        buffer.putInt(index + INSTRUMENT_OFFSET, instrumentId);
        buffer.putInt(index + SIDE_OFFSET, takerSide == Side.BUY ? 0 : 1);
        buffer.putLong(index + TRADE_ID_OFFSET, tradeId);
        ring.commit(index);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onLevel(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        if (!active)
        {
            return;
        }
        final int index = ring.tryClaim(LEVEL, LEVEL_LENGTH);
        if (index <= 0)
        {
            dropped++;
            return;
        }
        final AtomicBuffer buffer = ring.buffer();
        buffer.putLong(index + SEQUENCE_OFFSET, commandSequence);
        buffer.putLong(index + TIMESTAMP_OFFSET, timestampNs);
        buffer.putLong(index + PRICE_OFFSET, price);
        buffer.putLong(index + QUANTITY_OFFSET, totalQuantity);
        buffer.putInt(index + INSTRUMENT_OFFSET, instrumentId);
        buffer.putInt(index + SIDE_OFFSET, side == Side.BUY ? 0 : 1);
        buffer.putInt(index + COUNT_OFFSET, orderCount);
        ring.commit(index);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onLevelsEnd()
    {
        if (!active)
        {
            return;
        }
        final int index = ring.tryClaim(END, END_LENGTH);
        if (index <= 0)
        {
            dropped++;
            return;
        }
        ring.buffer().putLong(index + SEQUENCE_OFFSET, commandSequence);
        ring.commit(index);
    }

    /**
     * @return records dropped because the ring was full (readable from any thread).
     */
    public long dropped()
    {
        return dropped;
    }
}
