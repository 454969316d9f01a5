package io.arbiter.app.loadgen;

import io.arbiter.loadgen.Durations;
import picocli.CommandLine.ITypeConverter;

/**
 * Converts {@code 500ms}, {@code 30s}, {@code 2m} (a bare number is seconds) to nanoseconds for picocli options.
 * Stateless; any thread.
 */
public final class DurationConverter implements ITypeConverter<Long>
{
    /**
     * Converts one option value.
     *
     * @param value the text.
     * @return nanoseconds.
     */
    @Override
    public Long convert(final String value)
    {
        return Durations.parseNs(value);
    }
}
