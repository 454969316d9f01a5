package io.arbiter.client;

import io.arbiter.engine.Side;
import io.arbiter.marketdata.LevelBook;
import io.arbiter.marketdata.VarintFrames;
import io.arbiter.protocol.proto.BookLevel;
import io.arbiter.protocol.proto.BookSnapshot;
import io.arbiter.protocol.proto.BookUpdate;
import io.arbiter.protocol.proto.MarketDataError;
import io.arbiter.protocol.proto.MarketDataMessage;
import io.arbiter.protocol.proto.MarketDataRequest;
import io.arbiter.protocol.proto.PublicTrade;
import io.arbiter.protocol.proto.Subscribe;
import io.arbiter.protocol.proto.TopOfBook;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber of a node's market-data feed ({@code marketdata.port}, docs/market-data.md) that keeps a local
 * {@link LevelBook} per instrument from a snapshot and the increments after it, checks every message's sequence
 * number, and on a gap asks for a fresh snapshot and carries on. Callbacks run on the client's own I/O thread, in the
 * order the messages arrive; read the books only from there. Produces garbage (it parses with protobuf-java).
 */
public final class MarketDataClient implements AutoCloseable
{
    /** Largest frame accepted from the feed. */
    public static final int MAX_FRAME_LENGTH = 16 * 1024 * 1024;

    /**
     * Receives what the feed sends, on the client's I/O thread. Every method does nothing by default.
     */
    public interface Listener
    {
        /**
         * The local book of an instrument changed (a snapshot or an update was applied).
         *
         * @param symbol    of the instrument.
         * @param book      the local book (read it here only).
         * @param sequence  the last sequence number applied.
         * @param snapshot  true if it was (re)built from a snapshot.
         */
        default void onBook(final String symbol, final LevelBook book, final long sequence, final boolean snapshot)
        {
        }

        /**
         * A public trade.
         *
         * @param symbol        of the instrument.
         * @param tradeId       the engine's trade id.
         * @param price         in 1e-8 units.
         * @param quantity      traded quantity.
         * @param aggressorSide side of the incoming order.
         * @param timestampNs   sequencer time of the command.
         */
        default void onTrade(
            final String symbol, final long tradeId, final long price, final long quantity, final Side aggressorSide,
            final long timestampNs)
        {
        }

        /**
         * Best bid and ask (0 price when a side is empty).
         *
         * @param symbol      of the instrument.
         * @param bidPrice    best bid.
         * @param bidQuantity at the best bid.
         * @param askPrice    best ask.
         * @param askQuantity at the best ask.
         */
        default void onTopOfBook(
            final String symbol, final long bidPrice, final long bidQuantity, final long askPrice,
            final long askQuantity)
        {
        }

        /**
         * A message was missing: a fresh snapshot has been asked for.
         *
         * @param symbol   of the instrument.
         * @param expected the sequence number expected.
         * @param received the sequence number that came.
         */
        default void onGap(final String symbol, final long expected, final long received)
        {
        }

        /**
         * The feed sent an error (an unknown symbol, SLOW_CONSUMER before it disconnects...).
         *
         * @param error as received.
         */
        default void onError(final MarketDataError error)
        {
        }

        /**
         * The connection closed.
         */
        default void onDisconnected()
        {
        }
    }

    private final Listener listener;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Map<Integer, Stream> streamsById = new HashMap<>();
    private final Map<String, Stream> streamsBySymbol = new HashMap<>();
    private Channel channel;
    private long requestId;
    private volatile long epoch;
    private volatile long resyncs;
    private volatile long messages;
    private int depth;
    private boolean topOfBook;

    private static final class Stream
    {
        final String symbol;
        final LevelBook book = new LevelBook();
        long sequence;
        boolean synced;

        Stream(final String symbol)
        {
            this.symbol = symbol;
        }
    }

    private MarketDataClient(final Listener listener, final EventLoopGroup shared)
    {
        this.listener = listener;
        this.ownsGroup = shared == null;
        this.group = shared == null ? new MultiThreadIoEventLoopGroup(1, ClientTransport.best().ioHandlerFactory()) :
            shared;
    }

    /**
     * Connect to a feed (blocks until connected).
     *
     * @param host     of the node.
     * @param port     its {@code marketdata.port}.
     * @param listener receives the feed's messages.
     * @return the connected client.
     * @throws InterruptedException if interrupted while connecting.
     */
    public static MarketDataClient connect(final String host, final int port, final Listener listener)
        throws InterruptedException
    {
        return connect(host, port, listener, null);
    }

    /**
     * Connect to a feed over TLS (blocks until connected; the handshake follows, and a server this client does not
     * trust closes the connection: {@link Listener#onDisconnected()}).
     *
     * @param host      of the node, also the name checked against its certificate.
     * @param port      its {@code marketdata.port}.
     * @param listener  receives the feed's messages.
     * @param trustFile PEM certificates of the authorities to trust, or null for plaintext.
     * @return the connected client.
     * @throws InterruptedException     if interrupted while connecting.
     * @throws IllegalArgumentException if the trust file cannot be read.
     */
    public static MarketDataClient connect(
        final String host, final int port, final Listener listener, final Path trustFile) throws InterruptedException
    {
        return connect(host, port, listener, trustFile, null);
    }

    /**
     * Connect to a feed on an event loop group shared with other clients (many subscribers on a few threads, as the
     * load generator opens them); the group is the caller's to shut down, {@link #close()} closes only the connection.
     *
     * @param host      of the node, also the name checked against its certificate.
     * @param port      its {@code marketdata.port}.
     * @param listener  receives the feed's messages, on the connection's event loop.
     * @param trustFile PEM certificates of the authorities to trust, or null for plaintext.
     * @param group     event loops to run the connection on (a group of {@link ClientTransport#best()}), or null for
     *                  a thread of the client's own.
     * @return the connected client.
     * @throws InterruptedException     if interrupted while connecting.
     * @throws IllegalArgumentException if the trust file cannot be read.
     */
    public static MarketDataClient connect(
        final String host, final int port, final Listener listener, final Path trustFile, final EventLoopGroup group)
        throws InterruptedException
    {
        final SslContext tls = trustFile == null ? null : ClientContext.clientTls(trustFile);
        final MarketDataClient client = new MarketDataClient(listener, group);
        try
        {
            client.channel = new Bootstrap()
                .group(client.group)
                .channel(ClientTransport.best().socketChannelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>()
                {
                    @Override
                    protected void initChannel(final Channel channel)
                    {
                        if (tls != null)
                        {
                            channel.pipeline().addLast("tls", tls.newHandler(channel.alloc(), host, port));
                        }
                        channel.pipeline().addLast(client.new Decoder());
                    }
                })
                .connect(host, port).sync().channel();
        }
        catch (final RuntimeException | InterruptedException ex)
        {
            if (client.ownsGroup)
            {
                client.group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            }
            throw ex;
        }
        return client;
    }

    /**
     * Subscribe to the book (snapshot then increments), the trades and optionally the top of book of some
     * instruments. Any thread.
     *
     * @param symbols   the instruments.
     * @param depth     levels per side in snapshots, 0 for all (the local book is exact for all levels only with 0).
     * @param topOfBook also receive TopOfBook messages.
     */
    public void subscribe(final List<String> symbols, final int depth, final boolean topOfBook)
    {
        channel.eventLoop().execute(() ->
        {
            this.depth = depth;
            this.topOfBook = topOfBook;
            send(symbols);
        });
    }

    /**
     * Send raw request bytes (tests of the feed's handling of bad input). Any thread.
     *
     * @param bytes to send as they are.
     */
    public void sendRaw(final byte[] bytes)
    {
        channel.writeAndFlush(channel.alloc().buffer(bytes.length).writeBytes(bytes));
    }

    /**
     * @param symbol of an instrument.
     * @return its local book (read it on the client's I/O thread, from a listener callback), or null if none yet.
     */
    public LevelBook book(final String symbol)
    {
        final Stream stream = streamsBySymbol.get(symbol);
        return stream == null ? null : stream.book;
    }

    /**
     * @return the feed's epoch from its last SubscribeAck (0 before one): it changes when the node restarts.
     */
    public long epoch()
    {
        return epoch;
    }

    /**
     * @return fresh snapshots asked for after gaps.
     */
    public long resyncs()
    {
        return resyncs;
    }

    /**
     * @return messages received.
     */
    public long messages()
    {
        return messages;
    }

    /**
     * @return true while connected.
     */
    public boolean isConnected()
    {
        return channel.isActive();
    }

    /**
     * Close the connection and the I/O thread.
     */
    @Override
    public void close()
    {
        channel.close().syncUninterruptibly();
        if (ownsGroup)
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void send(final List<String> symbols)
    {
        final MarketDataRequest request = MarketDataRequest.newBuilder().setSubscribe(Subscribe.newBuilder()
            .setRequestId(++requestId).addAllSymbols(symbols).setDepth(depth).setBook(true).setTrades(true)
            .setTopOfBook(topOfBook)).build();
        final ByteBuf buffer = channel.alloc().buffer(request.getSerializedSize() + 5);
        try
        {
            request.writeDelimitedTo(new ByteBufOutputStream(buffer));
        }
        catch (final IOException ex)
        {
            buffer.release();
            throw new IllegalStateException(ex);
        }
        channel.writeAndFlush(buffer);
    }

    private void onMessage(final MarketDataMessage message)
    {
        messages++;
        switch (message.getBodyCase())
        {
            case SUBSCRIBE_ACK:
                epoch = message.getSubscribeAck().getEpoch();
                break;
            case BOOK_SNAPSHOT:
                onSnapshot(message.getBookSnapshot());
                break;
            case BOOK_UPDATE:
                onUpdate(message.getBookUpdate());
                break;
            case PUBLIC_TRADE:
                onTrade(message.getPublicTrade());
                break;
            case TOP_OF_BOOK:
            {
                final TopOfBook top = message.getTopOfBook();
                final Stream stream = streamsById.get(top.getInstrumentId());
                if (stream != null)
                {
                    listener.onTopOfBook(stream.symbol, top.getBidPrice(), top.getBidQuantity(), top.getAskPrice(),
                        top.getAskQuantity());
                }
                break;
            }
            case ERROR:
                listener.onError(message.getError());
                break;
            default:
                break;
        }
    }

    private void onSnapshot(final BookSnapshot snapshot)
    {
        final Stream stream = streamsById.computeIfAbsent(snapshot.getInstrumentId(), id ->
        {
            final Stream created = new Stream(snapshot.getSymbol());
            streamsBySymbol.put(snapshot.getSymbol(), created);
            return created;
        });
        stream.book.clear();
        for (final BookLevel level : snapshot.getLevelsList())
        {
            stream.book.set(side(level.getSide()), level.getPrice(), level.getQuantity(), level.getOrderCount());
        }
        stream.sequence = snapshot.getSequence();
        stream.synced = true;
        listener.onBook(stream.symbol, stream.book, stream.sequence, true);
    }

    private void onUpdate(final BookUpdate update)
    {
        final Stream stream = streamsById.get(update.getInstrumentId());
        if (stream == null || !inSequence(stream, update.getSequence()))
        {
            return;
        }
        for (final BookLevel level : update.getLevelsList())
        {
            stream.book.set(side(level.getSide()), level.getPrice(), level.getQuantity(), level.getOrderCount());
        }
        listener.onBook(stream.symbol, stream.book, stream.sequence, false);
    }

    private void onTrade(final PublicTrade trade)
    {
        final Stream stream = streamsById.get(trade.getInstrumentId());
        if (stream == null || !inSequence(stream, trade.getSequence()))
        {
            return;
        }
        listener.onTrade(stream.symbol, trade.getTradeId(), trade.getPrice(), trade.getQuantity(),
            side(trade.getAggressorSide()), trade.getTimestampNs());
    }

    /**
     * @return true if the message is the next one of a synchronized stream (then counted); false if it is stale or
     *         the stream waits for a snapshot; on a gap asks for a fresh snapshot.
     */
    private boolean inSequence(final Stream stream, final long sequence)
    {
        if (!stream.synced || sequence <= stream.sequence)
        {
            return false;
        }
        if (sequence != stream.sequence + 1)
        {
            stream.synced = false;
            resyncs++;
            listener.onGap(stream.symbol, stream.sequence + 1, sequence);
            send(List.of(stream.symbol));
            return false;
        }
        stream.sequence = sequence;
        return true;
    }

    private static Side side(final io.arbiter.protocol.proto.Side side)
    {
        return side == io.arbiter.protocol.proto.Side.BUY ? Side.BUY : Side.SELL;
    }

    /**
     * Splits varint-prefixed frames and parses each as a {@code MarketDataMessage}.
     */
    private final class Decoder extends ByteToMessageDecoder
    {
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
                onMessage(MarketDataMessage.parseFrom(new ByteBufInputStream(in.readSlice(length))));
            }
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) throws Exception
        {
            listener.onDisconnected();
            super.channelInactive(ctx);
        }
    }
}
