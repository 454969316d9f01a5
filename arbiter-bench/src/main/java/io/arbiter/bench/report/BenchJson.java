package io.arbiter.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes benchmark figures as indented JSON through Jackson: one member per line, {@code "name": value}. Values are
 * what Jackson writes for them (maps as objects, numbers, strings, booleans); {@link #decimal(double, int)} fixes the
 * number of decimals of a figure. Thread-safe. Produces garbage (reporting only).
 */
public final class BenchJson
{
    private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter(
        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private BenchJson()
    {
    }

    /**
     * Renders a value.
     *
     * @param value usually a {@code Map} with String keys in the order the members should appear.
     * @return the JSON text, ending with a line feed.
     * @throws UncheckedIOException if the value cannot be written as JSON.
     */
    public static String write(final Object value)
    {
        try
        {
            return WRITER.writeValueAsString(value) + "\n";
        }
        catch (final JsonProcessingException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A figure with a fixed number of decimals, rounded half up.
     *
     * @param value    the figure.
     * @param decimals digits after the point.
     * @return the figure as a decimal, or null (JSON {@code null}) if it is NaN or infinite.
     */
    public static BigDecimal decimal(final double value, final int decimals)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return null;
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    }
}
