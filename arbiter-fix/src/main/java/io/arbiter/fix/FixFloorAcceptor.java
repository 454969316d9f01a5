package io.arbiter.fix;

import org.apache.mina.core.service.IoAcceptor;
import quickfix.ApplicationAdapter;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FixVersions;
import quickfix.Message;
import quickfix.MessageStoreFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.ThreadedSocketAcceptor;
import quickfix.UnsupportedMessageType;
import quickfix.field.ClOrdID;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.mina.acceptor.AbstractSocketAcceptor;
import quickfix.mina.acceptor.DynamicAcceptorSessionProvider;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor of the FIX path ({@code arbiter bench fix --floor}): bare QuickFIX/J with the node's acceptor settings
 * (the same {@link ThreadedSocketAcceptor}, dynamic session template, session store, event log, data-dictionary
 * validation and queue watermarks as {@link FixAcceptor}) whose application answers each NewOrderSingle, cancel and
 * replace with one ExecutionReport (New, Canceled, Replaced) built as the node builds its reports, on the session's
 * own thread, and does nothing else: no logon check, no admission, no ring, journal, matching, report thread or order
 * log. What a load run costs against it is what QuickFIX/J itself costs on the machine. One instance per JVM run at a
 * time (its sessions are in QuickFIX/J's registry); control plane, produces garbage (QuickFIX/J messages).
 */
public final class FixFloorAcceptor extends ApplicationAdapter implements AutoCloseable
{
    private final AtomicLong orderIds = new AtomicLong();
    private AbstractSocketAcceptor acceptor;
    private int port = -1;

    /**
     * Start listening.
     *
     * @param bindAddress the address to listen on.
     * @param port        the port, 0 for a free one.
     * @param compId      the acceptor's CompID (initiators' TargetCompID); must differ from a node's acceptor in the
     *                    same JVM.
     * @param directory   where the session stores go.
     * @return this.
     * @throws ConfigError if QuickFIX/J refuses the settings.
     */
    public FixFloorAcceptor start(final String bindAddress, final int port, final String compId, final Path directory)
        throws ConfigError
    {
        final SessionID template = new SessionID(FixVersions.BEGINSTRING_FIX44, compId,
            DynamicAcceptorSessionProvider.WILDCARD);
        final SessionSettings settings = FixAcceptor.settings(bindAddress, port, template);
        final MessageStoreFactory stores = new FixMessageStoreFactory(directory.resolve("store"));
        final FixAcceptor.EventLogFactory logs = new FixAcceptor.EventLogFactory();
        final DefaultMessageFactory messages = new DefaultMessageFactory();
        acceptor = FixAcceptor.newAcceptor(this, settings, stores, logs, messages);
        acceptor.setSessionProvider(new InetSocketAddress(bindAddress, port),
            new DynamicAcceptorSessionProvider(settings, template, this, stores, logs, messages));
        acceptor.start();
        for (final IoAcceptor endpoint : acceptor.getEndpoints())
        {
            if (endpoint.getLocalAddress() instanceof InetSocketAddress)
            {
                this.port = ((InetSocketAddress)endpoint.getLocalAddress()).getPort();
            }
        }
        return this;
    }

    /**
     * @return the bound port, or -1 before {@link #start}.
     */
    public int port()
    {
        return port;
    }

    /**
     * Stop listening and close every session.
     */
    @Override
    public void close()
    {
        if (acceptor != null)
        {
            acceptor.stop(true);
            acceptor = null;
        }
    }

    @Override
    public void fromApp(final Message message, final SessionID sessionId)
        throws FieldNotFound, UnsupportedMessageType
    {
        final String type = message.getHeader().getString(MsgType.FIELD);
        final char execType;
        switch (type)
        {
            case MsgType.ORDER_SINGLE:
                execType = FixTags.EXEC_TYPE_NEW;
                break;
            case MsgType.ORDER_CANCEL_REQUEST:
                execType = FixTags.EXEC_TYPE_CANCELED;
                break;
            case MsgType.ORDER_CANCEL_REPLACE_REQUEST:
                execType = FixTags.EXEC_TYPE_REPLACED;
                break;
            default:
                throw new UnsupportedMessageType();
        }
        final long orderId = orderIds.incrementAndGet();
        final long price = message.isSetField(Price.FIELD) ?
            FixDecimals.parsePrice(message.getString(Price.FIELD)) : 0;
        final long quantity = message.isSetField(OrderQty.FIELD) ?
            FixDecimals.parseQuantity(message.getString(OrderQty.FIELD)) : 0;
        final FixOrder order = new FixOrder(orderId, message.getString(ClOrdID.FIELD), message.getString(Symbol.FIELD),
            message.getChar(Side.FIELD), message.isSetField(OrdType.FIELD) ? message.getChar(OrdType.FIELD) : 0,
            message.isSetField(TimeInForce.FIELD) ? message.getChar(TimeInForce.FIELD) : 0, Math.max(0, price),
            Math.max(0, quantity));
        order.exchangeOrderId = orderId;
        if (execType == FixTags.EXEC_TYPE_NEW)
        {
            order.ordStatus = FixTags.ORD_STATUS_NEW;
        }
        else
        {
            order.origClOrdId = message.getString(OrigClOrdID.FIELD);
            order.ordStatus = execType == FixTags.EXEC_TYPE_CANCELED ? FixTags.ORD_STATUS_CANCELED :
                FixTags.ORD_STATUS_REPLACED;
            order.leavesQty = execType == FixTags.EXEC_TYPE_CANCELED ? 0 : order.orderQty;
        }
        final Session session = Session.lookupSession(sessionId);
        if (session != null)
        {
            session.send(FixMessages.executionReport(order, Character.toString(execType) + orderId, execType,
                System.currentTimeMillis() * 1_000_000L, null));
        }
    }
}
