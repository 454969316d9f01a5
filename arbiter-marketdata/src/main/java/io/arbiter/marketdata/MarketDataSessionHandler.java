package io.arbiter.marketdata;

import io.arbiter.protocol.MarketDataEncoder;
import io.arbiter.protocol.proto.MarketDataErrorCode;
import io.arbiter.protocol.proto.MarketDataRequest;
import io.arbiter.protocol.proto.Subscribe;
import io.arbiter.protocol.proto.Unsubscribe;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.agrona.ExpandableArrayBuffer;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One subscriber connection on its event loop: splits varint-prefixed frames, parses each as a
 * {@code MarketDataRequest} (control plane: protobuf-java, produces garbage), limits the request rate, and passes
 * subscriptions to the {@link MarketDataAgent}. A frame that is too large or not a request, a request without symbols
 * or streams, or a flood of requests gets a {@code MarketDataError} and the connection is closed; other connections
 * and order entry are not affected. Closing ends the server's side once the error is written and discards what the
 * client still sends until it closes its side (at most {@link #CLOSE_GRACE_MS}): closing at once would answer bytes
 * still in flight with a reset instead of an end of stream.
 */
final class MarketDataSessionHandler extends ByteToMessageDecoder
{
    /** Largest request frame accepted. */
    static final int MAX_FRAME_LENGTH = 16 * 1024;
    /** Requests a connection may send per second. */
    static final int MAX_REQUESTS_PER_SECOND = 10;
    /** Longest wait, after a closing error, for the client to close its side. */
    static final long CLOSE_GRACE_MS = 1000;

    private final MarketDataAgent agent;
    private long windowStartNs;
    private int requestsInWindow;
    private boolean closing;

    MarketDataSessionHandler(final MarketDataAgent agent)
    {
        this.agent = agent;
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
    {
        if (closing)
        {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable())
        {
            final int length = VarintFrames.nextFrameLength(in, MAX_FRAME_LENGTH);
            if (length == VarintFrames.INCOMPLETE)
            {
                return;
            }
            if (length == VarintFrames.MALFORMED)
            {
                fail(ctx, "malformed frame length, or a frame above " + MAX_FRAME_LENGTH + " bytes");
                return;
            }
            final MarketDataRequest request;
            try
            {
                request = MarketDataRequest.parseFrom(new ByteBufInputStream(in.readSlice(length)));
            }
            catch (final IOException ex)
            {
                fail(ctx, "not a MarketDataRequest: " + ex.getMessage());
                return;
            }
            if (!onRequest(ctx, request))
            {
                return;
            }
        }
    }

    private boolean onRequest(final ChannelHandlerContext ctx, final MarketDataRequest request)
    {
        if (request.hasHeartbeat())
        {
            return true;
        }
        final long nowNs = System.nanoTime();
        if (nowNs - windowStartNs > 1_000_000_000L)
        {
            windowStartNs = nowNs;
            requestsInWindow = 0;
        }
        if (++requestsInWindow > MAX_REQUESTS_PER_SECOND)
        {
            close(ctx, 0, MarketDataErrorCode.MARKET_DATA_ERROR_TOO_MANY_REQUESTS,
                "more than " + MAX_REQUESTS_PER_SECOND + " requests a second");
            return false;
        }
        if (request.hasSubscribe())
        {
            final Subscribe subscribe = request.getSubscribe();
            if (subscribe.getSymbolsCount() == 0 || !(subscribe.getBook() || subscribe.getTrades() ||
                subscribe.getTopOfBook()))
            {
                close(ctx, subscribe.getRequestId(), MarketDataErrorCode.MARKET_DATA_ERROR_MALFORMED_REQUEST,
                    "a Subscribe needs at least one symbol and one of book, trades, top_of_book");
                return false;
            }
            offer(ctx, subscribe.getRequestId(), new FeedRequest.Subscribe(ctx.channel(), subscribe.getRequestId(),
                List.copyOf(subscribe.getSymbolsList()), subscribe.getDepth(), subscribe.getBook(),
                subscribe.getTrades(), subscribe.getTopOfBook()));
            return true;
        }
        if (request.hasUnsubscribe())
        {
            final Unsubscribe unsubscribe = request.getUnsubscribe();
            offer(ctx, unsubscribe.getRequestId(), new FeedRequest.Unsubscribe(ctx.channel(),
                unsubscribe.getRequestId(), List.copyOf(unsubscribe.getSymbolsList())));
            return true;
        }
        close(ctx, 0, MarketDataErrorCode.MARKET_DATA_ERROR_MALFORMED_REQUEST, "empty MarketDataRequest");
        return false;
    }

    private void offer(final ChannelHandlerContext ctx, final long requestId, final FeedRequest request)
    {
        if (!agent.offer(request))
        {
            close(ctx, requestId, MarketDataErrorCode.MARKET_DATA_ERROR_TOO_MANY_REQUESTS,
                "the feed has too many requests waiting");
        }
    }

    private void fail(final ChannelHandlerContext ctx, final String text)
    {
        close(ctx, 0, MarketDataErrorCode.MARKET_DATA_ERROR_MALFORMED_REQUEST, text);
    }

    private void close(
        final ChannelHandlerContext ctx, final long requestId, final MarketDataErrorCode code, final String text)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 + text.length() * 3);
        final int length = new MarketDataEncoder().encodeError(buffer, 0, buffer.capacity(), requestId,
            code.getNumber(), text, "");
        final ByteBuf frame = ctx.alloc().buffer(length);
        frame.writeBytes(buffer.byteArray(), 0, length);
        closing = true;
        ctx.writeAndFlush(frame).addListener((ChannelFutureListener)MarketDataSessionHandler::endOutput);
        ctx.executor().schedule(() -> ctx.channel().close(), CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
        if (actualReadableBytes() > 0)
        {
            internalBuffer().skipBytes(actualReadableBytes());
        }
    }

    /** The error is written: end the output; the input is read and discarded until the client closes its side. */
    private static void endOutput(final ChannelFuture written)
    {
        if (written.isSuccess() && written.channel() instanceof DuplexChannel)
        {
            ((DuplexChannel)written.channel()).shutdownOutput().addListener((ChannelFuture shut) ->
            {
                if (!shut.isSuccess())
                {
                    shut.channel().close();
                }
            });
        }
        else
        {
            written.channel().close();
        }
    }

    /**
     * A subscriber that went away while the feed wrote to it (connection reset, broken pipe) is closed quietly: the
     * feed forgets it when the connection is inactive.
     */
    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        agent.offer(new FeedRequest.Closed(ctx.channel()));
        super.channelInactive(ctx);
    }
}
