package io.arbiter.server.config;

import io.arbiter.engine.PackedNames;
import io.arbiter.engine.Prices;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads the node's configuration: Java properties files (see {@code arbiter-default.properties}, the embedded
 * default, made from {@link ServerSettings}). Layers apply in order; a layer that defines any {@code instrument.*}
 * (or {@code account.*}) key replaces the instruments (or accounts) of the layers before it, scalar keys override one
 * by one. An unknown key is an error naming it (with the closest known key when one is near); a bad value is an error
 * naming the setting, the value and what is allowed. Control plane; produces garbage.
 */
public final class ServerConfigLoader
{
    /** Classpath resource of the embedded default configuration. */
    public static final String DEFAULT_RESOURCE = "/arbiter-default.properties";

    private static final String INSTRUMENT_PREFIX = "instrument.";
    /** Largest fee or rebate, in basis points (the engine's FEES range). */
    private static final int MAX_FEE_BPS = 10_000;
    private static final String ACCOUNT_PREFIX = "account.";

    /**
     * Load the embedded default configuration.
     *
     * @return a new, validated context.
     * @throws ConfigException if the embedded file is missing or wrong.
     */
    public ServerContext loadDefaults()
    {
        final ServerContext context = new ServerContext();
        applyUnchecked(context, readDefaults(), key -> DEFAULT_RESOURCE);
        return checked(context, DEFAULT_RESOURCE);
    }

    /**
     * Build the configuration of {@code arbiter server}: the embedded default, then a file, then overrides (the
     * command line), checked once at the end, so that a rule between two settings may be met by a later layer.
     *
     * @param file      properties file applied on top of the default, or null for none.
     * @param overrides applied last.
     * @param origin    names where an override came from in error messages (e.g. its command-line option).
     * @return a new, validated context.
     * @throws ConfigException naming the setting, the value and the allowed values of the first problem.
     */
    public ServerContext load(
        final Path file, final Properties overrides, final Function<String, String> origin)
    {
        final ServerContext context = new ServerContext();
        applyUnchecked(context, readDefaults(), key -> DEFAULT_RESOURCE);
        if (file != null)
        {
            final String name = file.toString();
            applyUnchecked(context, readFile(file), key -> name);
        }
        applyUnchecked(context, overrides, origin);
        ServerSettings.validate(context);
        return context;
    }

    /**
     * Apply a properties file on top of a context.
     *
     * @param context to change.
     * @param file    to read (UTF-8).
     * @return the context, validated.
     * @throws ConfigException if the file cannot be read or a key or value is wrong.
     */
    public ServerContext applyFile(final ServerContext context, final Path file)
    {
        final String name = file.toString();
        applyUnchecked(context, readFile(file), key -> name);
        return checked(context, name);
    }

    /**
     * Apply properties on top of a context.
     *
     * @param context    to change.
     * @param properties to apply.
     * @param source     named in error messages.
     * @return the context, validated.
     * @throws ConfigException naming the source and the setting of the first problem.
     */
    public ServerContext apply(final ServerContext context, final Properties properties, final String source)
    {
        applyUnchecked(context, properties, key -> source);
        return checked(context, source);
    }

    private static ServerContext checked(final ServerContext context, final String source)
    {
        try
        {
            ServerSettings.validate(context);
        }
        catch (final ConfigException ex)
        {
            throw new ConfigException(source + ": " + ex.getMessage());
        }
        return context;
    }

    private static Properties readDefaults()
    {
        try (InputStream in = ServerConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE))
        {
            if (in == null)
            {
                throw new ConfigException("embedded default configuration " + DEFAULT_RESOURCE + " not found");
            }
            final Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
        catch (final IOException ex)
        {
            throw new ConfigException("cannot read " + DEFAULT_RESOURCE + ": " + ex.getMessage());
        }
    }

    private static Properties readFile(final Path file)
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
        return properties;
    }

    private static void applyUnchecked(
        final ServerContext context, final Properties properties, final Function<String, String> origin)
    {
        final Set<String> keys = new TreeSet<>(properties.stringPropertyNames());
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
            try
            {
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
                    applyScalar(context, key, value, origin.apply(key));
                }
            }
            catch (final ConfigException ex)
            {
                throw ex.getMessage().startsWith("invalid setting ") ? ex :
                    new ConfigException(origin.apply(key) + ": " + ex.getMessage());
            }
        }
        try
        {
            addAccounts(context, accountSecrets, accountIds);
        }
        catch (final ConfigException ex)
        {
            throw new ConfigException(origin.apply(ACCOUNT_PREFIX) + ": " + ex.getMessage());
        }
    }

    private static void applyScalar(
        final ServerContext context, final String key, final String value, final String origin)
    {
        final Setting<?> setting = ServerSettings.find(key);
        if (setting == null)
        {
            final String suggestion = KeySuggester.closest(key);
            throw new ConfigException("unknown key '" + key + "'" +
                (suggestion == null ? "" : " (did you mean " + suggestion + "?)"));
        }
        try
        {
            setting.set(context, value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(
                "invalid setting " + key + "=" + value + " (" + origin + "): " + ex.getMessage());
        }
    }

    /**
     * Check a configuration built in code before anything starts.
     *
     * @param context to check.
     * @throws ConfigException naming the setting at fault.
     * @see ServerSettings#validate(ServerContext)
     */
    public static void validate(final ServerContext context)
    {
        ServerSettings.validate(context);
    }

    /**
     * Parse one {@code instrument.<symbol>} key, as a node's configuration and a cluster member's file give it.
     *
     * @param key   {@code instrument.<symbol>}.
     * @param value {@code <tick>,<lot>[,<base>,<quote>[,<maker_bps>,<taker_bps>]]}, trimmed.
     * @return the instrument.
     * @throws ConfigException naming the key if the value is malformed.
     */
    public static InstrumentConfig parseInstrument(final String key, final String value)
    {
        final String symbol = key.substring(INSTRUMENT_PREFIX.length());
        if (symbol.isEmpty())
        {
            throw new ConfigException(key + ": empty symbol");
        }
        final String[] parts = value.split(",", -1);
        if (parts.length != 2 && parts.length != 4 && parts.length != 6)
        {
            throw new ConfigException(key + ": '" + value + "' is not <tick>,<lot>[,<base>,<quote>[,<maker_bps>," +
                "<taker_bps>]] (e.g. 0.01,1 or 0.01,1,BTC,USD,-1,5)");
        }
        final long tick = Prices.parse(parts[0].trim());
        if (tick == Prices.UNREPRESENTABLE || tick <= 0)
        {
            throw new ConfigException(key + ": tick size '" + parts[0].trim() +
                "' is not a positive decimal with at most 8 fraction digits");
        }
        final long lot = positiveLong(key, parts[1].trim());
        if (parts.length == 2)
        {
            return new InstrumentConfig(symbol, tick, lot);
        }
        final String base = asset(key, "base", parts[2].trim());
        final String quote = asset(key, "quote", parts[3].trim());
        if (base.equals(quote))
        {
            throw new ConfigException(key + ": base and quote must be two different assets: " + base);
        }
        if (parts.length == 4)
        {
            return new InstrumentConfig(symbol, tick, lot, base, quote, 0, 0, false);
        }
        final int maker = basisPoints(key, "maker", parts[4].trim());
        final int taker = basisPoints(key, "taker", parts[5].trim());
        if (maker > taker)
        {
            throw new ConfigException(key + ": maker fee must not exceed taker fee: " + maker + " > " + taker);
        }
        return new InstrumentConfig(symbol, tick, lot, base, quote, maker, taker, true);
    }

    private static String asset(final String key, final String role, final String name)
    {
        final String problem = PackedNames.problem(name, PackedNames.MAX_ASSET_LENGTH);
        if (problem != null)
        {
            throw new ConfigException(key + ": " + role + " asset " + problem);
        }
        return name;
    }

    private static int basisPoints(final String key, final String role, final String text)
    {
        try
        {
            final int bps = Integer.parseInt(text);
            if (bps >= -MAX_FEE_BPS && bps <= MAX_FEE_BPS)
            {
                return bps;
            }
        }
        catch (final NumberFormatException ex)
        {
            // reported below
        }
        throw new ConfigException(key + ": " + role + " fee '" + text + "' is not an integer number of basis " +
            "points from -" + MAX_FEE_BPS + " to " + MAX_FEE_BPS);
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
            ids.put(name, positiveLong(key, value));
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

    private static long positiveLong(final String key, final String value)
    {
        try
        {
            return SettingType.longInteger(1, Long.MAX_VALUE).parse(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(key + ": '" + value + "' " + ex.getMessage());
        }
    }
}
