package io.arbiter.loadgen;

import io.arbiter.engine.Prices;
import org.HdrHistogram.Histogram;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FixVersions;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.ThreadedSocketInitiator;
import quickfix.field.MsgType;
import quickfix.field.Password;
import quickfix.field.Text;
import quickfix.field.Username;

import java.io.FileNotFoundException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator's FIX 4.4 run ({@code arbiter loadgen --protocol fix}): one QuickFIX/J initiator session per
 * account (the node takes one FIX session per account), the same open-loop schedule, order mix, latency recorders,
 * counters and report as the binary run ({@link LoadGenerator} measures, drains and fills the figures). Orders are
 * pipelined: one scheduler thread sends each session's due requests every tick without waiting for answers, and
 * each session's own QuickFIX/J thread (a {@link ThreadedSocketInitiator}: one session's reports do not queue behind
 * another's on one thread) hands its reports to the session's {@link FixSessionDriver}. The report
 * path is lean: no data dictionary validation, no message store (sequence numbers reset at logon, ResetSeqNumFlag),
 * no message log (QuickFIX/J's default, a screen log that prints every message, would be the run's bottleneck: the
 * {@link ErrorLogFactory} keeps only the session's error events). One {@link #run()} per instance; produces garbage
 * (QuickFIX/J messages).
 */
final class FixLoadGenerator implements Application
{
    private static final DateTimeFormatter TRANSACT_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS", Locale.ROOT);

    private final LoadGeneratorConfig config;
    private final LoadGenerator generator;
    private final Map<SessionID, FixSessionDriver> drivers = new ConcurrentHashMap<>();
    private final Map<SessionID, String> secrets = new ConcurrentHashMap<>();
    private LoadRun run;

    FixLoadGenerator(final LoadGeneratorConfig config, final LoadGenerator generator)
    {
        this.config = config;
        this.generator = generator;
    }

    /**
     * @param units a price in the engine's units (10^-8).
     * @return its exact decimal text.
     */
    static String decimal(final long units)
    {
        return Prices.format(units);
    }

    LoadResult run() throws InterruptedException, FileNotFoundException
    {
        run = new LoadRun(config);
        final ServerProbe probe = new ServerProbe(config.metricsUrl, config.serverPid);
        final LoadResult result = new LoadResult(config.describe(), MachineInfo.describe(),
            new Histogram(LoadRun.HIGHEST_TRACKABLE_NS, 3), new Histogram(LoadRun.HIGHEST_TRACKABLE_NS, 3));
        result.startedAt = Instant.now().toString();
        final List<String[]> accounts = config.effectiveAccounts();
        final int sessions = Math.min(config.connections, accounts.size());
        result.counts.put("connections_requested", (long)config.connections);
        final String runId = Long.toString(System.currentTimeMillis(), 36);
        final SessionSettings settings = settings();
        final List<SessionID> ids = new ArrayList<>(sessions);
        for (int i = 0; i < sessions; i++)
        {
            final SessionID id = new SessionID(FixVersions.BEGINSTRING_FIX44, accounts.get(i)[0], config.fixCompId);
            settings.setString(id, "BeginString", FixVersions.BEGINSTRING_FIX44);
            ids.add(id);
            secrets.put(id, accounts.get(i)[1]);
        }
        final ThreadedSocketInitiator initiator;
        try
        {
            initiator = new ThreadedSocketInitiator(this, new MemoryStoreFactory(), settings, new ErrorLogFactory(),
                new DefaultMessageFactory());
            initiator.start();
        }
        catch (final ConfigError ex)
        {
            throw new IllegalStateException("QuickFIX/J initiator settings: " + ex.getMessage(), ex);
        }
        final CountDownLatch drained = new CountDownLatch(1);
        try
        {
            final List<FixSessionDriver> active = awaitLogons(ids, runId, result);
            result.counts.put("connect_failures", (long)(sessions - active.size()));
            result.counts.put("connections_logged_on", (long)active.size());
            if (active.isEmpty())
            {
                result.lastError = "no FIX session logged on" + (run.lastError.get() == null ? "" :
                    " (" + run.lastError.get() + ")");
                generator.finish(run, result, true, probe);
                return result;
            }
            probe.begin();
            final CpuSplit cpuBefore = CpuSplit.now();
            run.schedule(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50), active.size());
            final CountDownLatch sent = new CountDownLatch(1);
            final Thread scheduler = new Thread(() ->
            {
                schedule(active);
                sent.countDown();
                // live until the run has drained, so that its CPU and allocation can be read then (bench fix)
                awaitQuietly(drained);
            }, "arbiter-fix-loadgen");
            scheduler.setDaemon(true);
            scheduler.start();
            generator.measure(run, result);
            sent.await(TimeUnit.NANOSECONDS.toMillis(config.drainTimeoutNs) + 1, TimeUnit.MILLISECONDS);
            for (final FixSessionDriver driver : active)
            {
                driver.done = true;
            }
            generator.drain(run);
            drained.countDown();
            probe.end();
            result.cpu = CpuSplit.now().since(cpuBefore);
            snapshot(active, result);
            result.server.putAll(probe.describe());
            run.stopping = true;
            generator.finish(run, result, false, probe);
        }
        finally
        {
            drained.countDown();
            run.stopping = true;
            initiator.stop();
        }
        return result;
    }

    private List<FixSessionDriver> awaitLogons(final List<SessionID> ids, final String runId, final LoadResult result)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + config.connectTimeoutNs;
        final List<FixSessionDriver> active = new ArrayList<>(ids.size());
        for (final SessionID id : ids)
        {
            while (System.nanoTime() < deadlineNs && !loggedOn(id))
            {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            if (loggedOn(id))
            {
                final FixSessionDriver driver = new FixSessionDriver(run, active.size(), id, runId, config.seed);
                drivers.put(id, driver);
                active.add(driver);
            }
            else
            {
                result.logonRejectsByReason.merge("NO_LOGON", 1L, Long::sum);
                run.lastError.compareAndSet(null, "FIX session " + id + " did not log on to " + config.host + ":" +
                    config.port);
            }
        }
        return active;
    }

    private static boolean loggedOn(final SessionID id)
    {
        final Session session = Session.lookupSession(id);
        return session != null && session.isLoggedOn();
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void schedule(final List<FixSessionDriver> active)
    {
        final FixSessionDriver[] all = active.toArray(new FixSessionDriver[0]);
        long lastMillis = -1;
        String transactTime = null;
        boolean more = true;
        while (more)
        {
            final long nowNs = System.nanoTime();
            final long millis = System.currentTimeMillis();
            if (millis != lastMillis)
            {
                lastMillis = millis;
                transactTime = TRANSACT_TIME.format(
                    LocalDateTime.ofEpochSecond(millis / 1000, (int)(millis % 1000) * 1_000_000, ZoneOffset.UTC));
            }
            more = false;
            for (final FixSessionDriver driver : all)
            {
                try
                {
                    driver.sendDue(nowNs, transactTime);
                }
                catch (final RuntimeException ex)
                {
                    driver.done = true;
                    run.schedulerFailures.increment();
                    run.lastError.set("scheduler failed on FIX session " + driver.index + ": " + ex);
                }
                more |= !driver.done;
            }
            if (more)
            {
                LockSupport.parkNanos(config.tickIntervalNs);
            }
        }
    }

    private static void snapshot(final List<FixSessionDriver> active, final LoadResult result)
    {
        final int n = active.size();
        result.perConnectionAcks = new long[n];
        result.perConnectionP50 = new long[n];
        result.perConnectionP99 = new long[n];
        result.perConnectionMax = new long[n];
        for (final FixSessionDriver driver : active)
        {
            synchronized (driver)
            {
                final boolean any = driver.ackLatency.getTotalCount() > 0;
                result.perConnectionAcks[driver.index] = driver.ackLatency.getTotalCount();
                result.perConnectionP50[driver.index] = any ? driver.ackLatency.getValueAtPercentile(50) : 0;
                result.perConnectionP99[driver.index] = any ? driver.ackLatency.getValueAtPercentile(99) : 0;
                result.perConnectionMax[driver.index] = driver.ackLatency.getMaxValue();
                driver.rejects.forEach((reason, count) -> result.rejectsByReason.merge(reason, count, Long::sum));
                driver.cancels.forEach((reason, count) -> result.cancelsByReason.merge(reason, count, Long::sum));
            }
        }
    }

    private SessionSettings settings()
    {
        final SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "initiator");
        settings.setString("SocketConnectHost", config.host);
        settings.setLong("SocketConnectPort", config.port);
        settings.setLong("HeartBtInt", 30);
        settings.setLong("ReconnectInterval", 1);
        settings.setString("StartTime", "00:00:00");
        settings.setString("EndTime", "00:00:00");
        settings.setString("NonStopSession", "Y");
        settings.setString("UseDataDictionary", "N");
        settings.setString("ResetOnLogon", "Y");
        settings.setString("PersistMessages", "N");
        settings.setString("SocketTcpNoDelay", "Y");
        settings.setString("CheckLatency", "N");
        return settings;
    }

    @Override
    public void onCreate(final SessionID sessionId)
    {
    }

    @Override
    public void onLogon(final SessionID sessionId)
    {
    }

    @Override
    public void onLogout(final SessionID sessionId)
    {
        final FixSessionDriver driver = drivers.get(sessionId);
        if (driver != null && !run.stopping)
        {
            driver.done = true;
            run.disconnects.increment();
            run.lastError.set("FIX session " + sessionId + " logged out");
        }
    }

    @Override
    public void toAdmin(final Message message, final SessionID sessionId)
    {
        try
        {
            if (MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD)))
            {
                message.setString(Username.FIELD, sessionId.getSenderCompID());
                message.setString(Password.FIELD, secrets.getOrDefault(sessionId, ""));
            }
        }
        catch (final FieldNotFound ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void fromAdmin(final Message message, final SessionID sessionId) throws FieldNotFound
    {
        final String type = message.getHeader().getString(MsgType.FIELD);
        if (MsgType.LOGOUT.equals(type) && message.isSetField(Text.FIELD) && !run.stopping)
        {
            run.lastError.set("FIX logout of " + sessionId + ": " + message.getString(Text.FIELD));
        }
        else if (MsgType.REJECT.equals(type))
        {
            run.protocolErrors.increment();
            run.lastError.set("FIX session reject: " + (message.isSetField(Text.FIELD) ?
                message.getString(Text.FIELD) : message.toString()));
        }
    }

    @Override
    public void toApp(final Message message, final SessionID sessionId)
    {
    }

    @Override
    public void fromApp(final Message message, final SessionID sessionId) throws FieldNotFound
    {
        final long nowNs = System.nanoTime();
        final FixSessionDriver driver = drivers.get(sessionId);
        if (driver != null)
        {
            driver.onMessage(message, nowNs);
        }
    }

    /**
     * A QuickFIX/J log that drops messages and ordinary events and keeps a session's error events as the run's last
     * error (the report shows it).
     */
    private final class ErrorLogFactory implements LogFactory
    {
        @Override
        public Log create(final SessionID sessionId)
        {
            return new Log()
            {
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
                }

                @Override
                public void onErrorEvent(final String text)
                {
                    if (run != null && !run.stopping)
                    {
                        run.lastError.set("FIX session " + sessionId + ": " + text);
                    }
                }
            };
        }
    }
}
