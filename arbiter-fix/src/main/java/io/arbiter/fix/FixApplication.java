package io.arbiter.fix;

import io.arbiter.server.config.AccountConfig;
import io.arbiter.server.gateway.GatewayState;
import io.arbiter.server.sequencer.SessionRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.FieldNotFound;
import quickfix.IncorrectDataFormat;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.UnsupportedMessageType;
import quickfix.field.MsgType;
import quickfix.field.Password;
import quickfix.field.Username;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's QuickFIX/J application: it checks each Logon's Username (553) and Password (554) against the node's
 * accounts (the secret compared in constant time, as the binary gateway does), opens and closes the node's session
 * with the ring as FIX sessions log on and off (cancel-on-disconnect follows {@code session.cancelOnDisconnect}), and
 * hands order messages to the {@link FixOrderEntry} and market-data requests to the {@link FixMarketData}. Callbacks
 * of a session run on that session's QuickFIX/J dispatcher thread (a thread per session).
 */
final class FixApplication implements Application
{
    private static final int EGRESS_RING_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(FixApplication.class);

    private final GatewayState state;
    private final FixOrderEntry orders;
    private final FixReportPublisher publisher;
    private final FixMarketData marketData;
    private final Path directory;
    private final Map<SessionID, FixSession> sessions = new ConcurrentHashMap<>();
    private final Map<Long, FixOrderBook> books = new ConcurrentHashMap<>();

    /**
     * Produces garbage (control plane).
     *
     * @param state      the node's gateway state.
     * @param orders     order entry.
     * @param publisher  the report publisher.
     * @param marketData FIX market data, or null when the node has no market-data feed.
     * @param directory  the FIX directory (order logs).
     */
    FixApplication(
        final GatewayState state,
        final FixOrderEntry orders,
        final FixReportPublisher publisher,
        final FixMarketData marketData,
        final Path directory)
    {
        this.state = state;
        this.orders = orders;
        this.publisher = publisher;
        this.marketData = marketData;
        this.directory = directory;
    }

    @Override
    public void onCreate(final SessionID sessionId)
    {
    }

    @Override
    public void onLogon(final SessionID sessionId)
    {
        final AccountConfig account = state.account(sessionId.getTargetCompID());
        if (account == null)
        {
            return;
        }
        final FixOrderBook book = books.computeIfAbsent(account.id(),
            id -> new FixOrderBook(directory.resolve("orders-" + account.name() + ".log")));
        final FixSession session = new FixSession(sessionId, account.id(), book);
        session.egress = new FixSessionEgress(session, publisher, EGRESS_RING_BYTES);
        session.registration = new SessionRegistration(state.nextSessionId(), account.id(), session.egress);
        orders.onLoggedOn(session);
        publisher.add(session.egress);
        final FixSession stale = sessions.put(sessionId, session);
        if (stale != null)
        {
            // QuickFIX/J ends a session's connection before it takes another, but a disconnect racing a logon can
            // skip onLogout: close the node's session of the earlier connection now, or it would hold the account
            LOG.warn("{}: logged on again while the node still held the session of an earlier connection: closing it",
                sessionId);
            close(stale);
        }
        if (state.metrics() != null)
        {
            state.metrics().onSessionOpened();
        }
        state.sequencer().publishSessionOpened(session.registration);
        publisher.batchReports(session);
    }

    @Override
    public void onLogout(final SessionID sessionId)
    {
        final FixSession session = sessions.remove(sessionId);
        // a logout the node started (Session.logout: a report ring overflowed) disables QuickFIX/J's session, which
        // then refuses every later Logon of the account ("Logon attempt when session is disabled"): enable it again
        final Session fixSession = Session.lookupSession(sessionId);
        if (fixSession != null && !fixSession.isEnabled())
        {
            fixSession.logon();
        }
        if (session != null)
        {
            close(session);
        }
    }

    private void close(final FixSession session)
    {
        session.closedAtNs = System.nanoTime();
        session.closed = true;
        if (marketData != null)
        {
            marketData.unsubscribeAll(session.sessionId);
        }
        if (state.metrics() != null)
        {
            state.metrics().onSessionClosed();
        }
        if (state.sequencerRunning())
        {
            state.sequencer().publishSessionClosed(session.registration);
        }
        publisher.wake();
    }

    @Override
    public void toAdmin(final Message message, final SessionID sessionId)
    {
    }

    @Override
    public void fromAdmin(final Message message, final SessionID sessionId)
        throws FieldNotFound, IncorrectDataFormat, IncorrectTagValue, RejectLogon
    {
        if (MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD)))
        {
            checkLogon(message, sessionId);
        }
    }

    private void checkLogon(final Message logon, final SessionID sessionId) throws FieldNotFound, RejectLogon
    {
        final String accountName = sessionId.getTargetCompID();
        final String username = logon.isSetField(Username.FIELD) ? logon.getString(Username.FIELD) : "";
        final byte[] secret = (logon.isSetField(Password.FIELD) ? logon.getString(Password.FIELD) : "")
            .getBytes(StandardCharsets.UTF_8);
        final AccountConfig account = state.account(accountName);
        final boolean valid = account != null ? account.secretMatches(secret) :
            MessageDigest.isEqual(secret, new byte[secret.length + 1]);
        if (!valid || account == null || !accountName.equals(username))
        {
            throw new RejectLogon("unknown account or wrong password (Username must be the SenderCompID)");
        }
        if (!state.acceptingCommands())
        {
            throw new RejectLogon("server shutting down");
        }
    }

    @Override
    public void toApp(final Message message, final SessionID sessionId)
    {
    }

    @Override
    public void fromApp(final Message message, final SessionID sessionId)
        throws FieldNotFound, IncorrectDataFormat, IncorrectTagValue, UnsupportedMessageType
    {
        final FixSession session = sessions.get(sessionId);
        if (session == null)
        {
            return;
        }
        final String type = message.getHeader().getString(MsgType.FIELD);
        switch (type)
        {
            case MsgType.ORDER_SINGLE:
                orders.onNewOrder(session, message);
                break;
            case MsgType.ORDER_CANCEL_REQUEST:
                orders.onCancelOrReplace(session, message, true);
                break;
            case MsgType.ORDER_CANCEL_REPLACE_REQUEST:
                orders.onCancelOrReplace(session, message, false);
                break;
            case MsgType.ORDER_STATUS_REQUEST:
                orders.onStatusRequest(session, message);
                break;
            case MsgType.ORDER_MASS_CANCEL_REQUEST:
                orders.onMassCancel(session, message);
                break;
            case MsgType.MARKET_DATA_REQUEST:
                if (marketData == null)
                {
                    throw new UnsupportedMessageType();
                }
                marketData.onRequest(sessionId, message);
                break;
            default:
                throw new UnsupportedMessageType();
        }
    }

    /**
     * Flush every account's order log (control plane, at close).
     */
    void close()
    {
        for (final FixOrderBook book : books.values())
        {
            book.close();
        }
    }
}
