package io.arbiter.cluster.service;

import io.arbiter.cluster.codec.EgressDescriptor;
import io.arbiter.cluster.codec.OrderIds;
import io.arbiter.engine.BalanceListener;
import io.arbiter.engine.CancelReason;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.LevelListener;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.Side;
import io.arbiter.engine.risk.BalanceLedger;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.nio.ByteOrder;

import static io.arbiter.cluster.codec.EgressDescriptor.ACCOUNT_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.FLAG_LAST;
import static io.arbiter.cluster.codec.EgressDescriptor.INGRESS_SEQUENCE_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.INSTRUMENT_ID_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_ACCEPTED;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_BALANCE;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_BALANCE_ENTRY;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_BOOK_END;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_BOOK_LEVEL;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_CANCELED;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_INSTRUMENT_STATE;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_LEVEL;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_LEVELS_END;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_MASS_CANCELED;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_NO_ENTRIES;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_OPEN_ORDER;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_OPERATOR_RESULT;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_PUBLIC_TRADE;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_REJECTED;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_REPLACED;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_TRADE;
import static io.arbiter.cluster.codec.EgressDescriptor.KIND_TRIGGERED;
import static io.arbiter.cluster.codec.EgressDescriptor.LEAVES_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.MAKER_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.ORDER_ID_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.PRICE_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.QUANTITY_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.REASON_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.SIDE_OFFSET;
import static io.arbiter.cluster.codec.EgressDescriptor.TRADE_ID_OFFSET;

/**
 * The engine's listener in cluster mode: writes each event as a report into the open REPORTS message of the gateway
 * that owns the order (the gateway id is in the order id, {@link OrderIds}); a mass-cancel result goes to the gateway
 * that sent the command, and instrument state changes and balance changes go to every gateway (each hands them to
 * the sessions it serves). Public trades and level changes go to every gateway subscribed to market data. Opens a
 * gateway's message on its first report of an ingress message and remembers which it opened, so the service can close
 * them at the end. Service thread only; allocates nothing once every gateway has a stream.
 */
final class ReportCollector implements ExecutionListener, BalanceListener, LevelListener
{
    private final Int2ObjectHashMap<GatewayStream> streams;
    private final GatewayStream[] touched;
    private final GatewayStream[] marketData;
    private int marketDataCount;
    private int touchedCount;
    private long commandTimestampNs;
    private int commandGatewayId;
    private long commandIngressSequence;
    private int commandInstrumentId;
    private Side commandSide = Side.BUY;
    private long commandPrice;
    private GatewayStream claimed;
    private BalanceLedger ledger;

    ReportCollector(final Int2ObjectHashMap<GatewayStream> streams, final int maxGateways)
    {
        this.streams = streams;
        this.touched = new GatewayStream[maxGateways + 1];
        this.marketData = new GatewayStream[maxGateways];
    }

    /**
     * @param ledger names the assets of BALANCE reports (the engine's), so a gateway can name them to its sessions.
     */
    void ledger(final BalanceLedger ledger)
    {
        this.ledger = ledger;
    }

    /**
     * Send market data to this gateway from now on (once per stream).
     *
     * @param stream of a gateway subscribed to market data.
     */
    void subscribeMarketData(final GatewayStream stream)
    {
        if (!stream.marketData())
        {
            stream.marketData(true);
            marketData[marketDataCount++] = stream;
        }
    }

    /**
     * Re-list a stream loaded from a snapshot that was subscribed to market data.
     *
     * @param stream a loaded stream.
     */
    void restored(final GatewayStream stream)
    {
        if (stream.marketData())
        {
            marketData[marketDataCount++] = stream;
        }
    }

    /**
     * @param timestampNs the log's time of the commands that follow, carried by market-data reports.
     */
    void timestampNs(final long timestampNs)
    {
        this.commandTimestampNs = timestampNs;
    }

    /**
     * Write a level of the book at a MARKET_DATA request into one gateway's open message.
     *
     * @param stream       the requesting gateway's.
     * @param instrumentId of the book.
     * @param side         of the level.
     * @param price        of the level.
     * @param quantity     total quantity of the level.
     * @param orderCount   orders at the level.
     */
    void bookLevel(final GatewayStream stream, final int instrumentId, final Side side, final long price,
        final long quantity, final int orderCount)
    {
        write(claimFor(stream), KIND_BOOK_LEVEL, side, 0, 0, instrumentId, commandTimestampNs, 0, price, quantity,
            orderCount, 0, 0);
    }

    /**
     * End the book of a MARKET_DATA request.
     *
     * @param stream the requesting gateway's.
     */
    void bookEnd(final GatewayStream stream)
    {
        write(claimFor(stream), KIND_BOOK_END, Side.BUY, 0, 0, -1, commandTimestampNs, 0, 0, 0, 0, 0, 0);
    }

    /**
     * Set the command the next events belong to.
     *
     * @param gatewayId       that sent it.
     * @param ingressSequence its ingress sequence.
     * @param instrumentId    its instrument.
     * @param side            its side.
     * @param price           its price in units.
     */
    void beginCommand(
        final int gatewayId, final long ingressSequence, final int instrumentId, final Side side, final long price)
    {
        this.commandGatewayId = gatewayId;
        this.commandIngressSequence = ingressSequence;
        this.commandInstrumentId = instrumentId;
        this.commandSide = side;
        this.commandPrice = price;
    }

    /**
     * Open the sender's message even if it gets no report, so it learns the applied sequence.
     *
     * @param stream of the sending gateway.
     */
    void touch(final GatewayStream stream)
    {
        if (!stream.isOpen())
        {
            stream.open();
            touched[touchedCount++] = stream;
        }
    }

    /**
     * @return how many streams have an open message.
     */
    int touchedCount()
    {
        return touchedCount;
    }

    /**
     * @param index below {@link #touchedCount()}.
     * @return a stream with an open message.
     */
    GatewayStream touched(final int index)
    {
        return touched[index];
    }

    /**
     * Forget the touched streams (their messages were closed).
     */
    void clearTouched()
    {
        for (int i = 0; i < touchedCount; i++)
        {
            touched[i] = null;
        }
        touchedCount = 0;
    }

    @Override
    public void onAccepted(final long orderId, final long account)
    {
        final int offset = claim(orderId);
        if (offset >= 0)
        {
            write(offset, KIND_ACCEPTED, commandSide, 0, 0, commandInstrumentId, orderId, account, commandPrice, 0, 0,
                0, sequenceFor(orderId));
        }
    }

    @Override
    public void onTrade(
        final long tradeId,
        final int instrumentId,
        final long price,
        final long quantity,
        final Side takerSide,
        final long makerOrderId,
        final long makerAccount,
        final long makerLeaves,
        final long takerOrderId,
        final long takerAccount,
        final long takerLeaves)
    {
        final int maker = claim(makerOrderId);
        if (maker >= 0)
        {
            final Side makerSide = takerSide == Side.BUY ? Side.SELL : Side.BUY;
            write(maker, KIND_TRADE, makerSide, 0, 1, instrumentId, makerOrderId, makerAccount, price,
                quantity, makerLeaves, tradeId, sequenceFor(makerOrderId));
        }
        final int taker = claim(takerOrderId);
        if (taker >= 0)
        {
            write(taker, KIND_TRADE, takerSide, 0, 0, instrumentId, takerOrderId, takerAccount, price, quantity,
                takerLeaves, tradeId, sequenceFor(takerOrderId));
        }
        for (int i = 0; i < marketDataCount; i++)
        {
            write(claimFor(marketData[i]), KIND_PUBLIC_TRADE, takerSide, 0, 0, instrumentId, commandTimestampNs, 0,
                price, quantity, 0, tradeId, 0);
        }
    }

    @Override
    public void onLevel(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        for (int i = 0; i < marketDataCount; i++)
        {
            write(claimFor(marketData[i]), KIND_LEVEL, side, 0, 0, instrumentId, commandTimestampNs, 0, price,
                totalQuantity, orderCount, 0, 0);
        }
    }

    @Override
    public void onLevelsEnd()
    {
        for (int i = 0; i < marketDataCount; i++)
        {
            write(claimFor(marketData[i]), KIND_LEVELS_END, Side.BUY, 0, 0, -1, commandTimestampNs, 0, 0, 0, 0, 0,
                0);
        }
    }

    @Override
    public void onCanceled(final long orderId, final long account, final long remainingQty, final CancelReason reason)
    {
        final int offset = claim(orderId);
        if (offset >= 0)
        {
            write(offset, KIND_CANCELED, commandSide, reason.ordinal(), 0, commandInstrumentId, orderId, account, 0,
                remainingQty, 0, 0, sequenceFor(orderId));
        }
    }

    @Override
    public void onReplaced(final long orderId, final long account, final long newPrice, final long newQty)
    {
        final int offset = claim(orderId);
        if (offset >= 0)
        {
            write(offset, KIND_REPLACED, commandSide, 0, 0, commandInstrumentId, orderId, account, newPrice, newQty,
                newQty, 0, sequenceFor(orderId));
        }
    }

    @Override
    public void onRejected(final CommandType type, final long orderId, final long account, final RejectReason reason)
    {
        // a reject always goes to the sender, whatever order id the command named
        final int offset = claimFor(streams.get(commandGatewayId));
        if (offset >= 0)
        {
            write(offset, KIND_REJECTED, commandSide, reason.ordinal(), type.ordinal(), commandInstrumentId, orderId,
                account, commandPrice, 0, 0, 0, commandIngressSequence);
        }
    }

    @Override
    public void onTriggered(final long orderId, final long account)
    {
        final int offset = claim(orderId);
        if (offset >= 0)
        {
            write(offset, KIND_TRIGGERED, Side.BUY, 0, 0, commandInstrumentId, orderId, account, 0, 0, 0, 0,
                sequenceFor(orderId));
        }
    }

    @Override
    public void onMassCanceled(final long account, final int instrumentId, final int count)
    {
        final int offset = claimFor(streams.get(commandGatewayId));
        if (offset >= 0)
        {
            write(offset, KIND_MASS_CANCELED, Side.BUY, 0, 0, instrumentId, 0, account, 0, count, 0, 0,
                commandIngressSequence);
        }
    }

    @Override
    public void onInstrumentState(final CommandType type, final int instrumentId, final long value)
    {
        for (final GatewayStream stream : streams.values())
        {
            final int offset = claimFor(stream);
            write(offset, KIND_INSTRUMENT_STATE, Side.BUY, 0, type.ordinal(), instrumentId, 0, 0, value, 0, 0, 0,
                stream.gatewayId() == commandGatewayId ? commandIngressSequence : 0);
        }
    }

    @Override
    public void onBalance(final long account, final int asset, final long available, final long held)
    {
        final long name = ledger == null ? 0 : EgressDescriptor.packAssetName(ledger.assetName(asset));
        for (final GatewayStream stream : streams.values())
        {
            final int offset = claimFor(stream);
            write(offset, KIND_BALANCE, Side.BUY, 0, 0, asset, name, account, 0, available, held, 0,
                stream.gatewayId() == commandGatewayId ? commandIngressSequence : 0);
        }
    }

    /**
     * One open order of a query's answer, to the asking gateway (the command set by {@link #beginCommand} is the
     * query).
     *
     * @param stream       the asking gateway's.
     * @param orderId      the order's exchange id.
     * @param instrumentId its instrument.
     * @param side         its side.
     * @param orderType    its order type.
     * @param flags        last and more flags, time in force and self-trade prevention (EgressDescriptor).
     * @param price        its limit price in units.
     * @param stopPrice    its stop price in units.
     * @param remaining    its remaining quantity, hidden included.
     * @param display      its display quantity.
     * @param expiry       its expiry, epoch ms, or Command.NO_TIME.
     */
    void openOrder(final GatewayStream stream, final long orderId, final int instrumentId, final Side side,
        final OrderType orderType, final int flags, final long price, final long stopPrice, final long remaining,
        final long display, final long expiry)
    {
        write(claimFor(stream), KIND_OPEN_ORDER, side, orderType.ordinal(), flags, instrumentId, orderId, expiry, price,
            remaining, display, stopPrice, commandIngressSequence);
    }

    /**
     * One balance of a query's answer, to the asking gateway.
     *
     * @param stream    the asking gateway's.
     * @param asset     the asset id.
     * @param name      the asset's packed name ({@link io.arbiter.cluster.codec.EgressDescriptor#packAssetName}).
     * @param available available amount.
     * @param held      held amount.
     * @param last      true for the answer's last entry.
     */
    void balanceEntry(final GatewayStream stream, final int asset, final long name, final long available,
        final long held, final boolean last)
    {
        write(claimFor(stream), KIND_BALANCE_ENTRY, Side.BUY, 0, last ? FLAG_LAST : 0, asset, name, 0, 0, available,
            held, 0, commandIngressSequence);
    }

    /**
     * A query's answer is empty.
     *
     * @param stream    the asking gateway's.
     * @param queryKind the query's kind (IngressDescriptor).
     */
    void noEntries(final GatewayStream stream, final int queryKind)
    {
        write(claimFor(stream), KIND_NO_ENTRIES, Side.BUY, queryKind, FLAG_LAST, -1, 0, 0, 0, 0, 0, 0,
            commandIngressSequence);
    }

    /**
     * The outcome of an operator command, to its sender (EgressDescriptor, OPERATOR_RESULT).
     *
     * @param stream       the sending gateway's.
     * @param type         the command's type.
     * @param refused      whether the engine refused it.
     * @param instrumentId its instrument id, or asset id for DEPOSIT and WITHDRAW.
     * @param assetName    the packed asset name (DEPOSIT, WITHDRAW), else 0.
     * @param account      its account, or 0.
     * @param result       the engine's result.
     * @param sequence     the service's sequence of the command.
     * @param available    the account's available amount of the asset after it (DEPOSIT, WITHDRAW).
     * @param held         the account's held amount of the asset after it (DEPOSIT, WITHDRAW).
     */
    void operatorResult(final GatewayStream stream, final CommandType type, final boolean refused,
        final int instrumentId, final long assetName, final long account, final long result, final long sequence,
        final long available, final long held)
    {
        write(claimFor(stream), KIND_OPERATOR_RESULT, Side.BUY, refused ? 1 : 0, type.ordinal(), instrumentId,
            assetName, account, result, sequence, available, held, commandIngressSequence);
    }

    private long sequenceFor(final long orderId)
    {
        return OrderIds.gatewayId(orderId) == commandGatewayId ? commandIngressSequence : 0;
    }

    private int claim(final long orderId)
    {
        return claimFor(streams.get(OrderIds.gatewayId(orderId)));
    }

    private int claimFor(final GatewayStream stream)
    {
        if (stream == null)
        {
            return -1;
        }
        touch(stream);
        claimed = stream;
        return stream.claimReport();
    }

    private void write(
        final int offset,
        final byte kind,
        final Side side,
        final int reason,
        final int makerOrType,
        final int instrumentId,
        final long orderId,
        final long account,
        final long price,
        final long quantity,
        final long leaves,
        final long tradeId,
        final long ingressSequence)
    {
        final MutableDirectBuffer buffer = claimed.buffer();
        buffer.putByte(offset + KIND_OFFSET, kind);
        buffer.putByte(offset + SIDE_OFFSET, (byte)side.ordinal());
        buffer.putByte(offset + REASON_OFFSET, (byte)reason);
        buffer.putByte(offset + MAKER_OFFSET, (byte)makerOrType);
        buffer.putInt(offset + INSTRUMENT_ID_OFFSET, instrumentId, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + ORDER_ID_OFFSET, orderId, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + ACCOUNT_OFFSET, account, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + PRICE_OFFSET, price, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + QUANTITY_OFFSET, quantity, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + LEAVES_OFFSET, leaves, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + TRADE_ID_OFFSET, tradeId, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + INGRESS_SEQUENCE_OFFSET, ingressSequence, ByteOrder.LITTLE_ENDIAN);
    }
}
