package io.arbiter.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kind of value one setting holds: how its text is parsed, which values are allowed (said in words for errors,
 * {@code --help} and docs/configuration.md) and how a value is written back. Immutable; any thread. Control plane:
 * produces garbage.
 *
 * @param <T> the parsed value type.
 */
public abstract class SettingType<T>
{
    private final String allowed;

    /**
     * @param allowed the allowed values in words, e.g. {@code 0..65535}.
     */
    protected SettingType(final String allowed)
    {
        this.allowed = allowed;
    }

    /**
     * @return the allowed values in words, e.g. {@code 0..65535} or {@code one of none, batch, interval}.
     */
    public final String allowed()
    {
        return allowed;
    }

    /**
     * Parse a value from a configuration file or the command line.
     *
     * @param text the value, already trimmed.
     * @return the value.
     * @throws IllegalArgumentException with the reason (e.g. {@code must be 0..65535}) if the text is not allowed.
     */
    public abstract T parse(String text);

    /**
     * Check a value set in code (for example through a {@link ServerContext} setter).
     *
     * @param value to check.
     * @throws IllegalArgumentException with the reason if the value is not allowed.
     */
    public abstract void check(T value);

    /**
     * @param value a value of this type.
     * @return its text as a configuration file writes it.
     */
    public String format(final T value)
    {
        return value == null ? "" : String.valueOf(value);
    }

    /**
     * @param min smallest allowed.
     * @param max largest allowed.
     * @return an {@code int} in {@code min..max}; underscores may group digits ({@code 65_536}).
     */
    public static SettingType<Integer> integer(final int min, final int max)
    {
        final LongRange range = new LongRange(min, max, false);
        return new SettingType<>(range.allowed())
        {
            @Override
            public Integer parse(final String text)
            {
                return (int)range.parse(text);
            }

            @Override
            public void check(final Integer value)
            {
                range.check(value);
            }
        };
    }

    /**
     * @param min smallest allowed.
     * @param max largest allowed.
     * @return a {@code long} in {@code min..max}; underscores may group digits.
     */
    public static SettingType<Long> longInteger(final long min, final long max)
    {
        final LongRange range = new LongRange(min, max, false);
        return new SettingType<>(range.allowed())
        {
            @Override
            public Long parse(final String text)
            {
                return range.parse(text);
            }

            @Override
            public void check(final Long value)
            {
                range.check(value);
            }
        };
    }

    /**
     * @param min smallest allowed, a power of two.
     * @param max largest allowed, a power of two.
     * @return an {@code int} power of two in {@code min..max}.
     */
    public static SettingType<Integer> powerOfTwo(final int min, final int max)
    {
        final LongRange range = new LongRange(min, max, true);
        return new SettingType<>(range.allowed())
        {
            @Override
            public Integer parse(final String text)
            {
                return (int)range.parse(text);
            }

            @Override
            public void check(final Integer value)
            {
                range.check(value);
            }
        };
    }

    /**
     * @return {@code true} or {@code false} (any case).
     */
    public static SettingType<Boolean> bool()
    {
        return new SettingType<>("true or false")
        {
            @Override
            public Boolean parse(final String text)
            {
                final String lower = text.toLowerCase(Locale.ROOT);
                if (!lower.equals("true") && !lower.equals("false"))
                {
                    throw new IllegalArgumentException("must be " + allowed());
                }
                return Boolean.valueOf(lower);
            }

            @Override
            public void check(final Boolean value)
            {
            }
        };
    }

    /**
     * @param type an enum whose constants are named as the lower-case words of the setting with {@code -} for
     *             {@code _} ({@code BUSY_SPIN} is {@code busy-spin}).
     * @param <E>  the enum.
     * @return one of the enum's constants, matched ignoring case, {@code _} accepted for {@code -}.
     */
    public static <E extends Enum<E>> SettingType<E> choice(final Class<E> type)
    {
        final List<String> names = new ArrayList<>();
        for (final E constant : type.getEnumConstants())
        {
            names.add(word(constant));
        }
        final SettingType<String> words = words(names.toArray(new String[0]));
        return new SettingType<>(words.allowed())
        {
            @Override
            public E parse(final String text)
            {
                final String name = words.parse(text);
                return type.getEnumConstants()[names.indexOf(name)];
            }

            @Override
            public void check(final E value)
            {
                if (value == null)
                {
                    throw new IllegalArgumentException("must be " + allowed());
                }
            }

            @Override
            public String format(final E value)
            {
                return value == null ? "" : word(value);
            }
        };
    }

    /**
     * @param allowedWords the allowed words, lower case.
     * @return one of the words, matched ignoring case, {@code _} accepted for {@code -}; parsed to lower case.
     */
    public static SettingType<String> words(final String... allowedWords)
    {
        final List<String> list = List.of(allowedWords);
        return new SettingType<>("one of " + String.join(", ", list))
        {
            @Override
            public String parse(final String text)
            {
                final String word = text.toLowerCase(Locale.ROOT).replace('_', '-');
                check(word);
                return word;
            }

            @Override
            public void check(final String value)
            {
                if (!list.contains(value))
                {
                    throw new IllegalArgumentException("must be " + allowed());
                }
            }
        };
    }

    /**
     * @param nonEmpty whether the empty text is refused.
     * @return any text without line breaks (non-empty if asked).
     */
    public static SettingType<String> text(final boolean nonEmpty)
    {
        return new SettingType<>(nonEmpty ? "any non-empty text" : "any text, may be empty")
        {
            @Override
            public String parse(final String text)
            {
                check(text);
                return text;
            }

            @Override
            public void check(final String value)
            {
                if (value == null || (nonEmpty && value.isEmpty()) || value.indexOf('\n') >= 0)
                {
                    throw new IllegalArgumentException("must be " + allowed());
                }
            }
        };
    }

    /**
     * @return empty, or an {@code http://} or {@code https://} URL.
     */
    public static SettingType<String> optionalHttpUrl()
    {
        return new SettingType<>("empty, or an http:// or https:// URL")
        {
            @Override
            public String parse(final String text)
            {
                check(text);
                return text;
            }

            @Override
            public void check(final String value)
            {
                if (value != null && !value.isEmpty() && !value.startsWith("http://") && !value.startsWith("https://"))
                {
                    throw new IllegalArgumentException("must be " + allowed());
                }
            }
        };
    }

    /**
     * @param unit how many of the held unit one step of the written value is (e.g. nanoseconds per millisecond).
     * @param type of the setting as written.
     * @return a type over the same text whose values are multiplied by {@code unit} on parse and divided on
     *     format, for settings written in milliseconds but held in nanoseconds. A held value that is not a whole
     *     number of steps is checked rounded up (so 1 µs set in code counts as 1 ms).
     */
    static SettingType<Long> scaled(final long unit, final SettingType<Long> type)
    {
        return new SettingType<>(type.allowed())
        {
            @Override
            public Long parse(final String text)
            {
                return type.parse(text) * unit;
            }

            @Override
            public void check(final Long heldValue)
            {
                final long v = heldValue;
                type.check(v <= 0 ? (v == 0 ? 0 : -1) : (v - 1) / unit + 1);
            }

            @Override
            public String format(final Long heldValue)
            {
                return type.format(heldValue / unit);
            }
        };
    }

    private static String word(final Enum<?> constant)
    {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static final class LongRange
    {
        private final long min;
        private final long max;
        private final boolean powerOfTwo;

        LongRange(final long min, final long max, final boolean powerOfTwo)
        {
            this.min = min;
            this.max = max;
            this.powerOfTwo = powerOfTwo;
        }

        String allowed()
        {
            return (powerOfTwo ? "a power of two in " : "") + min + ".." + max;
        }

        long parse(final String text)
        {
            final long value;
            try
            {
                value = Long.parseLong(text.replace("_", ""));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("must be an integer in " + allowed(), ex);
            }
            check(value);
            return value;
        }

        void check(final long value)
        {
            if (value < min || value > max || (powerOfTwo && Long.bitCount(value) != 1))
            {
                throw new IllegalArgumentException("must be " + allowed());
            }
        }
    }
}
