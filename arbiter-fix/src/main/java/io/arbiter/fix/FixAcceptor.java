package io.arbiter.fix;

import io.arbiter.journal.DurabilityPolicy;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.NodeExtension;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.gateway.GatewayState;
import org.apache.mina.core.service.IoAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FixVersions;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.MessageFactory;
import quickfix.MessageStoreFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.ThreadedSocketAcceptor;
import quickfix.mina.SessionConnector;
import quickfix.mina.acceptor.AbstractSocketAcceptor;
import quickfix.mina.acceptor.DynamicAcceptorSessionProvider;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The node's FIX 4.4 acceptor ({@code fix.port}, {@code fix.compId}): a QuickFIX/J {@link ThreadedSocketAcceptor}
 * (each session's messages are processed on a thread of its own, so one session's leaky-bucket hold parks no other
 * session) with one dynamic session template, so any configured account logs on with its name as SenderCompID and no
 * session file of its own; session stores and the accounts' order logs live in {@code data.dir/fix}. Started and
 * closed by the {@link ArbiterNode} it is added to ({@link ArbiterNode#extension(NodeExtension)}); control plane,
 * produces garbage.
 */
public final class FixAcceptor implements NodeExtension
{
    private static final Logger LOG = LoggerFactory.getLogger(FixAcceptor.class);
    /** Messages queued for a session's thread at which its socket reads resume, and are suspended. */
    private static final int QUEUE_LOWER_WATERMARK = 256;
    private static final int QUEUE_UPPER_WATERMARK = 1024;

    private AbstractSocketAcceptor acceptor;
    private FixReportPublisher publisher;
    private FixApplication application;
    private FixMarketData marketData;
    private int port = -1;

    /**
     * {@inheritDoc}
     */
    @Override
    public void start(final ArbiterNode node) throws ConfigError, InterruptedException
    {
        final ServerContext context = node.context();
        if (context.fixPort() < 0)
        {
            return;
        }
        final GatewayState state = node.gatewayState();
        final Path directory = Path.of(context.dataDir()).resolve("fix");
        final Map<String, InstrumentConfig> instruments = new HashMap<>();
        final Map<String, Integer> instrumentIds = new HashMap<>();
        final List<InstrumentConfig> configured = context.instruments();
        final String[] symbols = new String[configured.size()];
        for (int id = 0; id < configured.size(); id++)
        {
            final InstrumentConfig instrument = configured.get(id);
            instruments.put(instrument.symbol(), instrument);
            instrumentIds.put(instrument.symbol(), id);
            symbols[id] = instrument.symbol();
        }
        final DurabilityPolicy durability = context.journalDurability();
        final long forceIntervalNs = durability == DurabilityPolicy.NONE ? -1 : durability == DurabilityPolicy.BATCH ?
            0 : TimeUnit.MILLISECONDS.toNanos(context.journalForceIntervalMs());
        publisher = new FixReportPublisher(symbols, forceIntervalNs);
        if (node.marketDataPort() > 0 && !context.tlsEnabled())
        {
            marketData = new FixMarketData(List.of(symbols));
            marketData.start(context.bindAddress(), node.marketDataPort());
        }
        application = new FixApplication(state, new FixOrderEntry(state, instruments, instrumentIds), publisher,
            marketData, directory);

        final SessionID template = new SessionID(FixVersions.BEGINSTRING_FIX44, context.fixCompId(),
            DynamicAcceptorSessionProvider.WILDCARD);
        final SessionSettings settings = settings(context.bindAddress(), context.fixPort(), template);
        final MessageStoreFactory stores = new FixMessageStoreFactory(directory.resolve("store"));
        final LogFactory logs = new EventLogFactory();
        final MessageFactory messages = new DefaultMessageFactory();
        acceptor = newAcceptor(application, settings, stores, logs, messages);
        final SocketAddress address = new InetSocketAddress(context.bindAddress(), context.fixPort());
        acceptor.setSessionProvider(address,
            new DynamicAcceptorSessionProvider(settings, template, application, stores, logs, messages)
            {
                @Override
                public synchronized Session getSession(final SessionID sessionId, final SessionConnector connector)
                {
                    if (state.account(sessionId.getTargetCompID()) == null)
                    {
                        return null;
                    }
                    return super.getSession(sessionId, connector);
                }
            });
        publisher.start();
        acceptor.start();
        publisher.endpoints(new ArrayList<>(acceptor.getEndpoints()));
        for (final IoAcceptor endpoint : acceptor.getEndpoints())
        {
            if (endpoint.getLocalAddress() instanceof InetSocketAddress)
            {
                port = ((InetSocketAddress)endpoint.getLocalAddress()).getPort();
            }
        }
        LOG.info("FIX 4.4 acceptor on {}:{} as {}", context.bindAddress(), port, context.fixCompId());
    }

    /**
     * The acceptor (shared with the {@link FixFloorAcceptor}): a thread per session; a session whose queue of received
     * messages passes the upper mark (its thread is held, or slower than its client) has its socket reads suspended
     * until the queue is down to the lower one, so TCP pushes back on that client alone (a bounded queue would instead
     * block the socket thread, shared with other sessions).
     */
    static AbstractSocketAcceptor newAcceptor(final Application application, final SessionSettings settings,
        final MessageStoreFactory stores, final LogFactory logs, final MessageFactory messages) throws ConfigError
    {
        return ThreadedSocketAcceptor.newBuilder()
            .withApplication(application)
            .withMessageStoreFactory(stores)
            .withSettings(settings)
            .withLogFactory(logs)
            .withMessageFactory(messages)
            .withQueueWatermarks(QUEUE_LOWER_WATERMARK, QUEUE_UPPER_WATERMARK)
            .build();
    }

    /**
     * The acceptor's session settings, shared with the {@link FixFloorAcceptor} so that the floor runs the same
     * sessions.
     */
    static SessionSettings settings(
        final String bindAddress, final int port, final SessionID template)
    {
        final SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "acceptor");
        settings.setString("StartTime", "00:00:00");
        settings.setString("EndTime", "00:00:00");
        settings.setString("NonStopSession", "Y");
        settings.setString("UseDataDictionary", "Y");
        settings.setString("DataDictionary", "FIX44.xml");
        settings.setString("ValidateUserDefinedFields", "N");
        // SendingTime (52) is not compared with the node's clock: that check parses every message's SendingTime
        // through java.time, a quarter of a session thread's work per order (its format is still validated)
        settings.setString("CheckLatency", "N");
        settings.setString("ResetOnLogon", "N");
        settings.setString("ResetOnLogout", "N");
        settings.setString("ResetOnDisconnect", "N");
        settings.setString("PersistMessages", "Y");
        settings.setString("SocketTcpNoDelay", "Y");
        settings.setString("SocketAcceptAddress", bindAddress);
        settings.setLong("SocketAcceptPort", port);
        settings.setString(template, "AcceptorTemplate", "Y");
        return settings;
    }

    /**
     * @return the bound FIX port, or -1 when {@code fix.port=-1} or not started.
     */
    public int port()
    {
        return port;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void close()
    {
        if (acceptor == null)
        {
            return;
        }
        publisher.close();
        for (final SessionID sessionId : acceptor.getSessions())
        {
            final Session session = Session.lookupSession(sessionId);
            if (session != null && session.isLoggedOn())
            {
                session.logout("server shutting down");
            }
        }
        acceptor.stop(false);
        application.close();
        if (marketData != null)
        {
            marketData.close();
        }
        acceptor = null;
    }

    /**
     * QuickFIX/J's session events go to SLF4J (errors as warnings, the others at debug); the messages themselves are
     * not logged (the store keeps them). An error that repeats the previous one of its session within a second is
     * counted rather than logged (a backed-up session can fail the same way on thousands of queued messages); the
     * count goes out before the next error logged.
     */
    static final class EventLogFactory implements LogFactory
    {
        @Override
        public Log create(final SessionID sessionId)
        {
            return new EventLog(sessionId);
        }
    }

    private static final class EventLog implements Log
    {
        private static final long REPEAT_WINDOW_NS = TimeUnit.SECONDS.toNanos(1);

        private final SessionID sessionId;
        private String lastError;
        private long lastLoggedNs;
        private long repeats;

        EventLog(final SessionID sessionId)
        {
            this.sessionId = sessionId;
        }

        @Override
        public void clear()
        {
        }

        @Override
        public void onIncoming(final String message)
        {
        }

        @Override
        public void onOutgoing(final String message)
        {
        }

        @Override
        public void onEvent(final String text)
        {
            LOG.debug("{}: {}", sessionId, text);
        }

        @Override
        public synchronized void onErrorEvent(final String text)
        {
            final long nowNs = System.nanoTime();
            if (text.equals(lastError) && nowNs - lastLoggedNs < REPEAT_WINDOW_NS)
            {
                repeats++;
                return;
            }
            if (repeats > 0)
            {
                LOG.warn("{}: {} more times: {}", sessionId, repeats, lastError);
            }
            LOG.warn("{}: {}", sessionId, text);
            lastError = text;
            lastLoggedNs = nowNs;
            repeats = 0;
        }
    }
}
