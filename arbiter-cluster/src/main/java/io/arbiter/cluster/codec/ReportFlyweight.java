package io.arbiter.cluster.codec;

import io.arbiter.engine.Side;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

import static io.arbiter.cluster.codec.EgressDescriptor.ACCOUNT_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.INGRESS_SEQUENCE_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.INSTRUMENT_ID_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.LEAVES_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.MAKER_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.ORDER_ID_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.PRICE_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.QUANTITY_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.REASON_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.SIDE_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.TRADE_ID_OFFSET;

/**
 * A view over one report of an {@link EgressDescriptor} REPORTS message; reused, wrapped per report. Valid only
 * during the callback that hands it out. Allocates nothing.
 */
public final class ReportFlyweight
{
    private DirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the report.
     * @param offset of the report.
     * @return this.
     */
    public ReportFlyweight wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * @return one of the {@code EgressDescriptor.KIND_*} values.
     */
    public byte kind()
    {
        return buffer.getByte(offset + KIND_OFFSET);
    }

    /**
     * @return the side (of the party, for a trade).
     */
    public Side side()
    {
        return Side.get(buffer.getByte(offset + SIDE_OFFSET));
    }

    /**
     * @return the reason ordinal (CANCELED: {@link io.arbiter.engine.CancelReason}, REJECTED:
     *         {@link io.arbiter.engine.RejectReason}).
     */
    public int reason()
    {
        return buffer.getByte(offset + REASON_OFFSET);
    }

    /**
     * @return TRADE: true if this party's order was resting.
     */
    public boolean maker()
    {
        return buffer.getByte(offset + MAKER_OFFSET) == 1;
    }

    /**
     * @return REJECTED and INSTRUMENT_STATE: the command type ordinal.
     */
    public int commandType()
    {
        return buffer.getByte(offset + MAKER_OFFSET);
    }

    /**
     * @return a query answer's page flags ({@link EgressDescriptor#FLAG_LAST} ...), the raw Maker byte.
     */
    public int flags()
    {
        return buffer.getByte(offset + MAKER_OFFSET) & 0xFF;
    }

    /**
     * @return the instrument id (BALANCE: the asset id).
     */
    public int instrumentId()
    {
        return buffer.getInt(offset + INSTRUMENT_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @return the exchange order id ({@link OrderIds}).
     */
    public long orderId()
    {
        return buffer.getLong(offset + ORDER_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @return the order's account.
     */
    public long account()
    {
        return buffer.getLong(offset + ACCOUNT_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @return price in units (INSTRUMENT_STATE: the value, a BAND's hundredths of a percent).
     */
    public long price()
    {
        return buffer.getLong(offset + PRICE_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @return the quantity (traded, cancelled or new, by kind; MASS_CANCELED: orders cancelled; BALANCE: available).
     */
    public long quantity()
    {
        return buffer.getLong(offset + QUANTITY_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @return TRADE: the order's remaining quantity after it; BALANCE: the amount held.
     */
    public long leaves()
    {
        return buffer.getLong(offset + LEAVES_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @return TRADE: the trade id.
     */
    public long tradeId()
    {
        return buffer.getLong(offset + TRADE_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @return the ingress sequence of this gateway's command that caused the report, 0 for another gateway's.
     */
    public long ingressSequence()
    {
        return buffer.getLong(offset + INGRESS_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }
}
