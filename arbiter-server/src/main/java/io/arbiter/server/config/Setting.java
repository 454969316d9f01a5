package io.arbiter.server.config;

import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One row of the settings table ({@link ServerSettings}): configuration-file key, default, description, the type
 * that parses and bounds the value, and where the value lives in a {@link ServerContext}. The file
 * {@code arbiter-default.properties}, the options of {@code arbiter server} and docs/configuration.md are all made
 * from these rows. Immutable; any thread.
 *
 * @param <T> the value type.
 */
public final class Setting<T>
{
    private final String key;
    private final String defaultText;
    private final String description;
    private final SettingType<T> type;
    private final Function<ServerContext, T> getter;
    private final BiConsumer<ServerContext, T> setter;
    private final boolean secret;

    Setting(
        final String key,
        final String defaultText,
        final String description,
        final SettingType<T> type,
        final Function<ServerContext, T> getter,
        final BiConsumer<ServerContext, T> setter,
        final boolean secret)
    {
        this.key = Objects.requireNonNull(key, "key");
        this.defaultText = Objects.requireNonNull(defaultText, "defaultText");
        this.description = Objects.requireNonNull(description, "description");
        this.type = Objects.requireNonNull(type, "type");
        this.getter = Objects.requireNonNull(getter, "getter");
        this.setter = Objects.requireNonNull(setter, "setter");
        this.secret = secret;
    }

    /**
     * @return the configuration-file key, e.g. {@code server.port}.
     */
    public String key()
    {
        return key;
    }

    /**
     * @return the default as the configuration file writes it.
     */
    public String defaultText()
    {
        return defaultText;
    }

    /**
     * @return what the setting does, one or more sentences.
     */
    public String description()
    {
        return description;
    }

    /**
     * @return the type that parses and bounds the value.
     */
    public SettingType<T> type()
    {
        return type;
    }

    /**
     * @return whether the value is a secret that {@code --print-config} masks.
     */
    public boolean secret()
    {
        return secret;
    }

    /**
     * The command-line option of the setting: the key in kebab case with dots as dashes, without the
     * {@code server.} prefix ({@code server.port} is {@code --port}, {@code limits.maxConnections} is
     * {@code --limits-max-connections}).
     *
     * @return the long option name with its leading dashes.
     */
    public String optionName()
    {
        final String name = key.startsWith("server.") ? key.substring("server.".length()) : key;
        final StringBuilder option = new StringBuilder("--");
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (c == '.')
            {
                option.append('-');
            }
            else if (Character.isUpperCase(c))
            {
                option.append('-').append(Character.toLowerCase(c));
            }
            else
            {
                option.append(c);
            }
        }
        return option.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Parse a value and set it.
     *
     * @param context to change.
     * @param text    the value as written (surrounding blanks are ignored).
     * @throws IllegalArgumentException with the reason if the value is not allowed.
     */
    public void set(final ServerContext context, final String text)
    {
        setter.accept(context, type.parse(text.trim()));
    }

    /**
     * @param context to read.
     * @return the setting's current value in {@code context}, as a configuration file writes it.
     */
    public String current(final ServerContext context)
    {
        return type.format(getter.apply(context));
    }

    /**
     * Check the current value (which may have been set in code, bypassing the parser).
     *
     * @param context to read.
     * @throws IllegalArgumentException with the reason if the value is not allowed.
     */
    public void check(final ServerContext context)
    {
        type.check(getter.apply(context));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return key + "=" + defaultText;
    }
}
