package io.arbiter.fix;

import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.ScreenLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MsgType;
import quickfix.field.Password;
import quickfix.field.Text;
import quickfix.field.Username;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A QuickFIX/J initiator for the system tests: one FIX 4.4 session to the node on loopback, its store in a directory
 * of the test's, every application message it receives queued for the test, and the Text of a Logout kept.
 */
final class FixTestClient implements Application, AutoCloseable
{
    /** Liveness bound of every wait: a quiet run answers in milliseconds, so this is far above 10x that. */
    static final long TIMEOUT_MS = 20_000;

    final SessionID sessionId;
    private final String password;
    private final SocketInitiator initiator;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> logouts = new LinkedBlockingQueue<>();
    private final java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean loggedOn;
    private volatile int resetTargetSeqTo;

    FixTestClient(final int port, final String account, final String password, final Path storeDir)
        throws Exception
    {
        this.password = password;
        this.sessionId = new SessionID("FIX.4.4", account, "ARBITER");
        final SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "initiator");
        settings.setString("StartTime", "00:00:00");
        settings.setString("EndTime", "00:00:00");
        settings.setString("NonStopSession", "Y");
        settings.setString("HeartBtInt", "30");
        settings.setString("ReconnectInterval", "1");
        settings.setString("UseDataDictionary", "Y");
        settings.setString("DataDictionary", "FIX44.xml");
        settings.setString("ValidateUserDefinedFields", "N");
        settings.setString("FileStorePath", storeDir.toString());
        settings.setString(sessionId, "SocketConnectHost", "127.0.0.1");
        settings.setLong(sessionId, "SocketConnectPort", port);
        settings.setString(sessionId, "BeginString", "FIX.4.4");
        settings.setString(sessionId, "SenderCompID", account);
        settings.setString(sessionId, "TargetCompID", "ARBITER");
        initiator = new SocketInitiator(this, new FileStoreFactory(settings), settings, new ScreenLogFactory(
            false, false, false, false), new DefaultMessageFactory());
    }

    /**
     * Connect and wait for the logon (or its refusal).
     *
     * @return true once logged on, false if refused or timed out.
     * @throws Exception on a QuickFIX/J configuration error.
     */
    boolean logOn() throws Exception
    {
        initiator.start();
        final long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!loggedOn && logouts.isEmpty() && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(10);
        }
        return loggedOn;
    }

    /**
     * Before logging on, make the session expect the acceptor's messages from {@code seq} on: the acceptor's Logon
     * then carries a higher number and the client asks for a resend of the ones it "missed".
     *
     * @param seq next expected incoming sequence number.
     */
    void expectIncomingFrom(final int seq)
    {
        resetTargetSeqTo = seq;
    }

    boolean loggedOn()
    {
        return loggedOn;
    }

    void send(final Message message)
    {
        if (!Session.lookupSession(sessionId).send(message))
        {
            throw new IllegalStateException("not sent");
        }
    }

    /**
     * @param msgType the type to wait for; other messages before it are dropped.
     * @return the next application message of that type.
     * @throws InterruptedException if interrupted.
     */
    Message next(final String msgType) throws Exception
    {
        final long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (true)
        {
            final Message message = received.poll(Math.max(1, deadline - System.currentTimeMillis()),
                TimeUnit.MILLISECONDS);
            if (message == null)
            {
                throw new AssertionError("no " + msgType + " within " + TIMEOUT_MS + " ms; seen " + seen);
            }
            if (msgType.equals(message.getHeader().getString(MsgType.FIELD)))
            {
                return message;
            }
        }
    }

    /**
     * @param timeoutMs how long to wait.
     * @return the next application message, or null if none arrives within the time.
     * @throws InterruptedException if interrupted.
     */
    Message poll(final long timeoutMs) throws InterruptedException
    {
        return received.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /**
     * @return the Text of the next Logout the acceptor sends.
     * @throws InterruptedException if interrupted.
     */
    String logoutText() throws InterruptedException
    {
        return logouts.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onCreate(final SessionID id)
    {
    }

    @Override
    public void onLogon(final SessionID id)
    {
        loggedOn = true;
    }

    @Override
    public void onLogout(final SessionID id)
    {
        loggedOn = false;
    }

    @Override
    public void toAdmin(final Message message, final SessionID id)
    {
        try
        {
            if (MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD)))
            {
                message.setString(Username.FIELD, id.getSenderCompID());
                message.setString(Password.FIELD, password);
                if (resetTargetSeqTo > 0)
                {
                    Session.lookupSession(id).setNextTargetMsgSeqNum(resetTargetSeqTo);
                    resetTargetSeqTo = 0;
                }
            }
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void fromAdmin(final Message message, final SessionID id) throws FieldNotFound
    {
        seen.add(message.toString().replace('\u0001', '|'));
        if (MsgType.LOGOUT.equals(message.getHeader().getString(MsgType.FIELD)))
        {
            logouts.add(message.isSetField(Text.FIELD) ? message.getString(Text.FIELD) : "");
        }
        if (MsgType.REJECT.equals(message.getHeader().getString(MsgType.FIELD)))
        {
            received.add(message);
        }
    }

    @Override
    public void toApp(final Message message, final SessionID id)
    {
    }

    @Override
    public void fromApp(final Message message, final SessionID id)
    {
        seen.add(message.toString().replace('\u0001', '|'));
        received.add(message);
    }

    @Override
    public void close()
    {
        initiator.stop(true);
    }
}
