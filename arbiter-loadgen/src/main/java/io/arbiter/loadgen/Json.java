package io.arbiter.loadgen;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Writes report figures (maps, collections, arrays, strings, numbers and booleans) as indented JSON text through
 * Jackson: objects one member per line, arrays on one line, floating-point numbers with three decimals and NaN or
 * infinity as {@code null}. Thread-safe; any thread. Produces garbage (reporting only).
 */
public final class Json
{
    private static final ObjectWriter WRITER = writer();

    private Json()
    {
    }

    /**
     * Renders a value.
     *
     * @param value a Map with String keys, Collection, long[], double[], String, Number, Boolean or null.
     * @return the JSON text, ending with a line feed.
     * @throws UncheckedIOException if a value cannot be written as JSON.
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

    private static ObjectWriter writer()
    {
        final SimpleModule decimals = new SimpleModule("arbiter-decimals");
        decimals.addSerializer(Double.class, new DoubleSerializer());
        decimals.addSerializer(double.class, new DoubleSerializer());
        decimals.addSerializer(Float.class, new FloatSerializer());
        decimals.addSerializer(double[].class, new DoubleArraySerializer());
        final DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        return new ObjectMapper().registerModule(decimals).writer(printer);
    }

    private static void writeDecimal(final double value, final JsonGenerator generator) throws IOException
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            generator.writeNull();
        }
        else
        {
            generator.writeNumber(String.format(Locale.ROOT, "%.3f", value));
        }
    }

    private static final class DoubleSerializer extends StdSerializer<Double>
    {
        private static final long serialVersionUID = 1L;

        DoubleSerializer()
        {
            super(Double.class);
        }

        @Override
        public void serialize(final Double value, final JsonGenerator generator, final SerializerProvider provider)
            throws IOException
        {
            writeDecimal(value, generator);
        }
    }

    private static final class FloatSerializer extends StdSerializer<Float>
    {
        private static final long serialVersionUID = 1L;

        FloatSerializer()
        {
            super(Float.class);
        }

        @Override
        public void serialize(final Float value, final JsonGenerator generator, final SerializerProvider provider)
            throws IOException
        {
            writeDecimal(value, generator);
        }
    }

    private static final class DoubleArraySerializer extends StdSerializer<double[]>
    {
        private static final long serialVersionUID = 1L;

        DoubleArraySerializer()
        {
            super(double[].class);
        }

        @Override
        public void serialize(final double[] values, final JsonGenerator generator, final SerializerProvider provider)
            throws IOException
        {
            generator.writeStartArray(values, values.length);
            for (final double value : values)
            {
                writeDecimal(value, generator);
            }
            generator.writeEndArray();
        }
    }
}
