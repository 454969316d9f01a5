package io.arbiter.loadgen;

import io.arbiter.marketdata.VarintFrames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.io.IOException;
import java.util.List;

/**
 * A load generator subscriber's decoder of the market-data feed: splits the varint-prefixed frames and reads only what
 * the measurement needs (the stream's sequence numbers and each public trade's id) straight from the received bytes,
 * without building a book or a protobuf object, so that a thousand subscribers on one event loop cost the machine
 * little beside the node they measure. Checks the sequence like a real subscriber: after a gap it subscribes again and
 * ignores the stream until the new snapshot. One symbol per connection. Event loop only; allocates nothing per
 * message apart from Netty's own buffers.
 */
final class FeedProbeDecoder extends ByteToMessageDecoder
{
    /** Largest frame accepted (a full-depth snapshot can be large). */
    static final int MAX_FRAME_LENGTH = 16 * 1024 * 1024;

    private static final int SUBSCRIBE_ACK = 1;
    private static final int ERROR = 2;
    private static final int BOOK_SNAPSHOT = 3;
    private static final int BOOK_UPDATE = 4;
    private static final int PUBLIC_TRADE = 5;
    private static final int SNAPSHOT_SEQUENCE_FIELD = 4;
    private static final int SEQUENCE_FIELD = 2;
    private static final int TRADE_ID_FIELD = 3;
    private static final int NO_FIELD = -1;

    /** What the decoder reports, on the connection's event loop. */
    interface Handler
    {
        /** A snapshot arrived: the stream is in sequence from here (first one, or after a gap). */
        void onSnapshot();

        /**
         * A public trade in sequence.
         *
         * @param tradeId the engine's trade id.
         */
        void onTrade(long tradeId);

        /** A message skipped sequence numbers; a new snapshot was asked for. */
        void onGap();

        /** The feed sent an error. */
        void onError();

        /** The connection closed. */
        void onDisconnected();
    }

    private final Handler handler;
    private final byte[] subscribeFrame;
    private boolean synced;
    private long sequence;
    private int position;
    private long fieldSequence;
    private long fieldTradeId;

    /**
     * @param handler        receives the measurements.
     * @param subscribeFrame the framed Subscribe request, sent when connected and again after a gap.
     */
    FeedProbeDecoder(final Handler handler, final byte[] subscribeFrame)
    {
        this.handler = handler;
        this.subscribeFrame = subscribeFrame;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx) throws Exception
    {
        subscribe(ctx);
        super.channelActive(ctx);
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
        throws IOException
    {
        while (in.isReadable())
        {
            final int length = VarintFrames.nextFrameLength(in, MAX_FRAME_LENGTH);
            if (length == VarintFrames.INCOMPLETE)
            {
                return;
            }
            if (length == VarintFrames.MALFORMED)
            {
                throw new IOException("malformed frame from the feed");
            }
            final int end = in.readerIndex() + length;
            onMessage(ctx, in, in.readerIndex(), end);
            in.readerIndex(end);
        }
    }

    private void onMessage(final ChannelHandlerContext ctx, final ByteBuf in, final int start, final int end)
    {
        position = start;
        final long tag = readVarint(in, end);
        if ((tag & 7) != 2)
        {
            return;
        }
        final long bodyLength = readVarint(in, end);
        final int bodyEnd = (int)Math.min(end, position + bodyLength);
        switch ((int)(tag >>> 3))
        {
            case BOOK_SNAPSHOT:
                readFields(in, bodyEnd, SNAPSHOT_SEQUENCE_FIELD);
                sequence = fieldSequence;
                synced = true;
                handler.onSnapshot();
                break;
            case BOOK_UPDATE:
                readFields(in, bodyEnd, SEQUENCE_FIELD);
                inSequence(ctx, fieldSequence);
                break;
            case PUBLIC_TRADE:
                readFields(in, bodyEnd, SEQUENCE_FIELD);
                if (inSequence(ctx, fieldSequence))
                {
                    handler.onTrade(fieldTradeId);
                }
                break;
            case ERROR:
                handler.onError();
                break;
            case SUBSCRIBE_ACK:
            default:
                break;
        }
    }

    /** Read the varint fields of a message body: the one numbered sequenceField, and field 3 (a trade's id). */
    private void readFields(final ByteBuf in, final int end, final int sequenceField)
    {
        fieldSequence = 0;
        fieldTradeId = NO_FIELD;
        while (position < end)
        {
            final long tag = readVarint(in, end);
            final int field = (int)(tag >>> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                {
                    final long value = readVarint(in, end);
                    if (field == sequenceField)
                    {
                        fieldSequence = value;
                    }
                    else if (field == TRADE_ID_FIELD)
                    {
                        fieldTradeId = value;
                    }
                    break;
                }
                case 1:
                    position += 8;
                    break;
                case 2:
                {
                    final int length = (int)readVarint(in, end);
                    position += length;
                    break;
                }
                case 5:
                    position += 4;
                    break;
                default:
                    position = end;
                    break;
            }
        }
    }

    private long readVarint(final ByteBuf in, final int end)
    {
        long value = 0;
        for (int shift = 0; shift < 64 && position < end; shift += 7)
        {
            final byte b = in.getByte(position++);
            value |= (long)(b & 0x7F) << shift;
            if (b >= 0)
            {
                break;
            }
        }
        return value;
    }

    private boolean inSequence(final ChannelHandlerContext ctx, final long next)
    {
        if (!synced || next <= sequence)
        {
            return false;
        }
        if (next != sequence + 1)
        {
            synced = false;
            handler.onGap();
            subscribe(ctx);
            return false;
        }
        sequence = next;
        return true;
    }

    private void subscribe(final ChannelHandlerContext ctx)
    {
        ctx.writeAndFlush(ctx.alloc().buffer(subscribeFrame.length).writeBytes(subscribeFrame));
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        handler.onDisconnected();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        handler.onError();
        ctx.close();
    }
}
