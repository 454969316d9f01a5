package io.arbiter.server.config;

import io.arbiter.engine.Prices;
import io.arbiter.journal.DurabilityPolicy;
import io.arbiter.journal.RetentionPolicy;
import io.arbiter.server.overload.LimitScope;
import io.arbiter.server.sequencer.WaitStrategyKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Reads the node's configuration: Java properties files (see {@code arbiter-default.properties}, the embedded
 * default, for every key). Layers apply in order; a layer that defines any {@code instrument.*} (or
 * {@code account.*}) key replaces the instruments (or accounts) of the layers before it, scalar keys override one
 * by one. Unknown keys and bad values are errors naming the key. Control plane; produces garbage.
 */
public final class ServerConfigLoader
{
    /** Classpath resource of the embedded default configuration. */
    public static final String DEFAULT_RESOURCE = "/arbiter-default.properties";

    private static final String INSTRUMENT_PREFIX = "instrument.";
    private static final String ACCOUNT_PREFIX = "account.";
    private static final long MS = 1_000_000L;

    private final Map<String, BiConsumer<ServerContext, String>> setters = new LinkedHashMap<>();

    /**
     * Produces garbage.
     */
    public ServerConfigLoader()
    {
        intKey("server.port", ServerContext::port, -1);
        setters.put("server.bindAddress", (c, v) -> c.bindAddress(nonEmpty("server.bindAddress", v)));
        intKey("admin.port", ServerContext::adminPort, -1);
        setters.put("data.dir", (c, v) -> c.dataDir(nonEmpty("data.dir", v)));
        addJournalKeys();
        setters.put("sequencer.ringSize", (c, v) ->
        {
            final int size = parseInt("sequencer.ringSize", v, 2);
            if (Integer.bitCount(size) != 1)
            {
                throw new ConfigException("sequencer.ringSize: " + v + " is not a power of two");
            }
            c.ringSize(size);
        });
        setters.put("sequencer.waitStrategy", (c, v) ->
        {
            try
            {
                c.waitStrategy(WaitStrategyKind.parse(v));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException("sequencer.waitStrategy: " + ex.getMessage());
            }
        });
        intKey("engine.orderPoolSize", ServerContext::orderPoolSize, 1);
        intKey("engine.levelPoolSize", ServerContext::levelPoolSize, 1);
        intKey("limits.maxFrameLength", ServerContext::maxFrameLength, 16);
        intKey("limits.maxConnections", ServerContext::maxConnections, 1);
        intKey("limits.maxConnectionsPerAddress", ServerContext::maxConnectionsPerAddress, 1);
        intKey("limits.maxPendingLogons", ServerContext::maxPendingLogons, 1);
        intKey("limits.maxPendingLogonsPerAddress", ServerContext::maxPendingLogonsPerAddress, 1);
        intKey("limits.maxOpenOrdersPerAccount", ServerContext::maxOpenOrdersPerAccount, 1);
        intKey("session.heartbeatIntervalMs", ServerContext::heartbeatIntervalMs, 10);
        intKey("session.idleTimeoutMs", ServerContext::idleTimeoutMs, 10);
        intKey("session.logonTimeoutMs", ServerContext::logonTimeoutMs, 10);
        booleanKey("session.cancelOnDisconnect", ServerContext::cancelOnDisconnect);
        intKey("session.egressBufferBytes", ServerContext::egressBufferBytes, 4096);
        setters.put("net.transport", (c, v) ->
        {
            final String t = v.trim().toLowerCase(Locale.ROOT);
            if (!t.equals("auto") && !t.equals("epoll") && !t.equals("nio"))
            {
                throw new ConfigException("net.transport: '" + v + "' is not one of auto, epoll, nio");
            }
            c.transport(t);
        });
        intKey("net.ioThreads", ServerContext::ioThreads, 1);
        booleanKey("socket.tcpNoDelay", ServerContext::tcpNoDelay);
        booleanKey("socket.keepAlive", ServerContext::keepAlive);
        intKey("socket.keepIdleSeconds", ServerContext::keepIdleSeconds, 1);
        intKey("socket.keepIntervalSeconds", ServerContext::keepIntervalSeconds, 1);
        intKey("socket.keepCount", ServerContext::keepCount, 1);
        booleanKey("socket.reuseAddress", ServerContext::reuseAddress);
        intKey("socket.sendBufferBytes", ServerContext::sendBufferBytes, 0);
        intKey("socket.receiveBufferBytes", ServerContext::receiveBufferBytes, 0);
        intKey("socket.writeBufferLowWaterMark", ServerContext::writeBufferLowWaterMark, 1);
        intKey("socket.writeBufferHighWaterMark", ServerContext::writeBufferHighWaterMark, 1);
        intKey("shutdown.timeoutMs", ServerContext::shutdownTimeoutMs, 0);
        overloadKeys();
        booleanKey("metrics.enabled", ServerContext::metricsEnabled);
        tracingKeys();
    }

    private void overloadKeys()
    {
        booleanKey("overload.enabled", ServerContext::overloadEnabled);
        setters.put("overload.limitScope", (c, v) ->
        {
            try
            {
                c.overload().limitScope(LimitScope.valueOf(v.trim().toUpperCase(Locale.ROOT)));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException("overload.limitScope: '" + v + "' is not one of session, account, both");
            }
        });
        longKey("overload.burstCapacity", (c, v) -> c.overload().burstCapacity(v), 1);
        longKey("overload.refillRatePerSecond", (c, v) -> c.overload().refillRatePerSecond(v), 1);
        longKey("overload.drainRatePerSecond", (c, v) -> c.overload().drainRatePerSecond(v), 1);
        longKey("overload.maxQueueDelayMs", (c, v) -> c.overload().maxQueueDelayNs(v * MS), 0);
        longKey("overload.windowMs", (c, v) -> c.overload().windowNs(v * MS), 1);
        longKey("overload.adaptiveDelayThresholdMs", (c, v) -> c.overload().adaptiveDelayThresholdNs(v * MS), 1);
        intKey("overload.adaptiveBadWindows", (c, v) -> c.overload().adaptiveBadWindows(v), 1);
        intKey("overload.adaptiveHealthyWindows", (c, v) -> c.overload().adaptiveHealthyWindows(v), 1);
        intKey("overload.exhaustionThresholdPermille", (c, v) -> c.overload().exhaustionThresholdPermille(v), 1);
        intKey("overload.ringHighWatermarkPermille", (c, v) -> c.overload().ringHighWatermarkPermille(v), 1);
        longKey("overload.sustainMs", (c, v) -> c.overload().sustainNs(v * MS), 1);
        longKey("overload.hardDelayLimitMs", (c, v) -> c.overload().hardDelayLimitNs(v * MS), 1);
        longKey("overload.hardDelaySustainMs", (c, v) -> c.overload().hardDelaySustainNs(v * MS), 1);
        longKey("overload.coolDownMs", (c, v) -> c.overload().coolDownNs(v * MS), 1);
        longKey("overload.halfOpenTricklePerSecond", (c, v) -> c.overload().halfOpenTricklePerSecond(v), 1);
        intKey("overload.halfOpenHealthyWindows", (c, v) -> c.overload().halfOpenHealthyWindows(v), 1);
    }

    private void tracingKeys()
    {
        booleanKey("tracing.enabled", (c, v) -> c.tracing().tracingEnabled(v));
        longKey("tracing.sampleEvery", (c, v) -> c.tracing().sampleEvery(v), 0);
        longKey("tracing.slowThresholdMicros", (c, v) -> c.tracing().slowThresholdNs(v * 1000L), 0);
        booleanKey("tracing.slowOrderCapture", (c, v) -> c.tracing().slowOrderCapture(v));
        intKey("tracing.slowOrdersKept", (c, v) -> c.tracing().slowOrdersKept(v), 1);
        setters.put("tracing.otlpEndpoint", (c, v) -> c.tracing().otlpEndpoint(v.isEmpty() ? null : v));
        setters.put("tracing.serviceName", (c, v) -> c.tracing().serviceName(nonEmpty("tracing.serviceName", v)));
    }

    private void longKey(final String key, final BiConsumer<ServerContext, Long> setter, final long min)
    {
        setters.put(key, (c, v) -> setter.accept(c, parseLong(key, v, min)));
    }

    /**
     * @return the scalar keys this loader knows, in file order.
     */
    public Set<String> scalarKeys()
    {
        return setters.keySet();
    }

    /**
     * Load the embedded default configuration.
     *
     * @return a new context.
     * @throws ConfigException if the embedded file is missing or wrong.
     */
    public ServerContext loadDefaults()
    {
        final ServerContext context = new ServerContext();
        try (InputStream in = ServerConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE))
        {
            if (in == null)
            {
                throw new ConfigException("embedded default configuration " + DEFAULT_RESOURCE + " not found");
            }
            final Properties properties = new Properties();
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            apply(context, properties, DEFAULT_RESOURCE);
        }
        catch (final IOException ex)
        {
            throw new ConfigException("cannot read " + DEFAULT_RESOURCE + ": " + ex.getMessage());
        }
        return context;
    }

    /**
     * Apply a properties file on top of a context.
     *
     * @param context to change.
     * @param file    to read (UTF-8).
     * @return the context.
     * @throws ConfigException if the file cannot be read or a key is wrong.
     */
    public ServerContext applyFile(final ServerContext context, final Path file)
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final NoSuchFileException ex)
        {
            throw new ConfigException("config file not found: " + file);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new ConfigException("cannot read config file " + file + ": " + ex.getMessage());
        }
        return apply(context, properties, file.toString());
    }

    /**
     * Apply properties on top of a context.
     *
     * @param context    to change.
     * @param properties to apply.
     * @param source     named in error messages.
     * @return the context.
     * @throws ConfigException naming the source and key of the first problem.
     */
    public ServerContext apply(final ServerContext context, final Properties properties, final String source)
    {
        final Set<String> keys = new TreeSet<>(properties.stringPropertyNames());
        try
        {
            if (keys.stream().anyMatch(k -> k.startsWith(INSTRUMENT_PREFIX)))
            {
                context.clearInstruments();
            }
            if (keys.stream().anyMatch(k -> k.startsWith(ACCOUNT_PREFIX)))
            {
                context.clearAccounts();
            }
            final Map<String, String> accountSecrets = new LinkedHashMap<>();
            final Map<String, Long> accountIds = new LinkedHashMap<>();
            for (final String key : keys)
            {
                final String value = properties.getProperty(key).trim();
                if (key.startsWith(INSTRUMENT_PREFIX))
                {
                    context.addInstrument(parseInstrument(key, value));
                }
                else if (key.startsWith(ACCOUNT_PREFIX))
                {
                    parseAccountKey(key, value, accountSecrets, accountIds);
                }
                else
                {
                    final BiConsumer<ServerContext, String> setter = setters.get(key);
                    if (setter == null)
                    {
                        throw new ConfigException("unknown key '" + key + "'");
                    }
                    setter.accept(context, value);
                }
            }
            addAccounts(context, accountSecrets, accountIds);
            validate(context);
        }
        catch (final ConfigException ex)
        {
            throw new ConfigException(source + ": " + ex.getMessage());
        }
        return context;
    }

    /**
     * Check settings that depend on each other.
     *
     * @param context to check.
     * @throws ConfigException naming the keys.
     */
    public static void validate(final ServerContext context)
    {
        if (context.writeBufferLowWaterMark() > context.writeBufferHighWaterMark())
        {
            throw new ConfigException("socket.writeBufferLowWaterMark (" + context.writeBufferLowWaterMark() +
                ") must not exceed socket.writeBufferHighWaterMark (" + context.writeBufferHighWaterMark() + ")");
        }
        if (context.idleTimeoutMs() <= context.heartbeatIntervalMs())
        {
            throw new ConfigException("session.idleTimeoutMs (" + context.idleTimeoutMs() +
                ") must exceed session.heartbeatIntervalMs (" + context.heartbeatIntervalMs() + ")");
        }
        if (context.instruments().isEmpty())
        {
            throw new ConfigException("no instruments defined (instrument.<SYMBOL>=<tick>,<lot>)");
        }
        if (context.accounts().isEmpty())
        {
            throw new ConfigException("no accounts defined (account.<name>.secret=...)");
        }
        final Set<Long> ids = new HashSet<>();
        for (final AccountConfig account : context.accounts())
        {
            if (!ids.add(account.id()))
            {
                throw new ConfigException("account." + account.name() + ".id: id " + account.id() + " is used twice");
            }
        }
        validateOverload(context);
    }

    private static void validateOverload(final ServerContext context)
    {
        if (context.overloadEnabled())
        {
            try
            {
                context.overload().validate();
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException("overload.*: " + ex.getMessage());
            }
        }
    }

    private static InstrumentConfig parseInstrument(final String key, final String value)
    {
        final String symbol = key.substring(INSTRUMENT_PREFIX.length());
        if (symbol.isEmpty())
        {
            throw new ConfigException(key + ": empty symbol");
        }
        final String[] parts = value.split(",");
        if (parts.length != 2)
        {
            throw new ConfigException(key + ": '" + value + "' is not <tick>,<lot> (e.g. 0.01,1)");
        }
        final long tick = Prices.parse(parts[0].trim());
        if (tick == Prices.UNREPRESENTABLE || tick <= 0)
        {
            throw new ConfigException(key + ": tick size '" + parts[0].trim() +
                "' is not a positive decimal with at most 8 fraction digits");
        }
        final long lot = parseLong(key, parts[1].trim(), 1);
        return new InstrumentConfig(symbol, tick, lot);
    }

    private static void parseAccountKey(
        final String key, final String value, final Map<String, String> secrets, final Map<String, Long> ids)
    {
        final String rest = key.substring(ACCOUNT_PREFIX.length());
        final int dot = rest.lastIndexOf('.');
        if (dot <= 0)
        {
            throw new ConfigException(
                "unknown key '" + key + "' (expected account.<name>.secret or account.<name>.id)");
        }
        final String name = rest.substring(0, dot);
        final String field = rest.substring(dot + 1);
        if (field.equals("secret"))
        {
            if (value.isEmpty())
            {
                throw new ConfigException(key + ": empty secret");
            }
            secrets.put(name, value);
        }
        else if (field.equals("id"))
        {
            ids.put(name, parseLong(key, value, 1));
        }
        else
        {
            throw new ConfigException(
                "unknown key '" + key + "' (expected account.<name>.secret or account.<name>.id)");
        }
    }

    private static void addAccounts(
        final ServerContext context, final Map<String, String> secrets, final Map<String, Long> ids)
    {
        for (final String name : ids.keySet())
        {
            if (!secrets.containsKey(name))
            {
                throw new ConfigException("account." + name + ".secret: missing for account." + name + ".id");
            }
        }
        final Set<Long> usedIds = new HashSet<>(ids.values());
        long nextId = 1;
        for (final Map.Entry<String, String> entry : secrets.entrySet())
        {
            Long id = ids.get(entry.getKey());
            if (id == null)
            {
                while (usedIds.contains(nextId))
                {
                    nextId++;
                }
                id = nextId++;
                usedIds.add(id);
            }
            context.addAccount(new AccountConfig(entry.getKey(), id, entry.getValue()));
        }
    }

    private void addJournalKeys()
    {
        booleanKey("journal.enabled", ServerContext::journalEnabled);
        setters.put("journal.durability", (c, v) ->
        {
            try
            {
                c.journalDurability(DurabilityPolicy.parse(v));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException("journal.durability: '" + v + "' is not one of none, batch, interval");
            }
        });
        intKey("journal.forceIntervalMs", ServerContext::journalForceIntervalMs, 1);
        setters.put("journal.segmentSizeBytes", (c, v) ->
            c.journalSegmentSizeBytes(parseLong("journal.segmentSizeBytes", v, 4096)));
        setters.put("journal.retention", (c, v) ->
        {
            try
            {
                c.journalRetention(RetentionPolicy.parse(v));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException("journal.retention: '" + v + "' is not one of keep, delete, archive");
            }
        });
        setters.put("snapshot.intervalCommands", (c, v) ->
            c.snapshotIntervalCommands(parseLong("snapshot.intervalCommands", v, 0)));
        intKey("snapshot.intervalSeconds", ServerContext::snapshotIntervalSeconds, 0);
        intKey("snapshot.keep", ServerContext::snapshotsToKeep, 1);
    }

    private void intKey(final String key, final BiConsumer<ServerContext, Integer> setter, final int min)
    {
        setters.put(key, (c, v) -> setter.accept(c, parseInt(key, v, min)));
    }

    private void booleanKey(final String key, final BiConsumer<ServerContext, Boolean> setter)
    {
        setters.put(key, (c, v) ->
        {
            final String b = v.trim().toLowerCase(Locale.ROOT);
            if (!b.equals("true") && !b.equals("false"))
            {
                throw new ConfigException(key + ": '" + v + "' is not true or false");
            }
            setter.accept(c, Boolean.parseBoolean(b));
        });
    }

    private static String nonEmpty(final String key, final String value)
    {
        if (value.isEmpty())
        {
            throw new ConfigException(key + ": empty value");
        }
        return value;
    }

    /**
     * Parse an int setting.
     *
     * @param key   named in the error.
     * @param value text.
     * @param min   smallest allowed.
     * @return the value.
     * @throws ConfigException if not an integer or below min.
     */
    public static int parseInt(final String key, final String value, final int min)
    {
        final long v = parseLong(key, value, min);
        if (v > Integer.MAX_VALUE)
        {
            throw new ConfigException(key + ": " + value + " is too large (max " + Integer.MAX_VALUE + ")");
        }
        return (int)v;
    }

    private static long parseLong(final String key, final String value, final long min)
    {
        final long v;
        try
        {
            v = Long.parseLong(value.trim().replace("_", ""));
        }
        catch (final NumberFormatException ex)
        {
            throw new ConfigException(key + ": '" + value + "' is not an integer");
        }
        if (v < min)
        {
            throw new ConfigException(key + ": " + v + " is below the minimum " + min);
        }
        return v;
    }
}
