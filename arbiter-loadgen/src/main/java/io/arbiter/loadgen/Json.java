package io.arbiter.loadgen;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Writes maps, collections, arrays, strings, numbers and booleans as indented JSON text. Stateless; any thread.
 * Produces garbage (reporting only).
 */
public final class Json
{
    private Json()
    {
    }

    /**
     * Renders a value.
     *
     * @param value a Map with String keys, Collection, long[], double[], String, Number, Boolean or null.
     * @return the JSON text.
     */
    public static String write(final Object value)
    {
        final StringBuilder out = new StringBuilder(4096);
        write(out, value, 0);
        out.append('\n');
        return out.toString();
    }

    private static void write(final StringBuilder out, final Object value, final int indent)
    {
        if (value == null)
        {
            out.append("null");
        }
        else if (value instanceof Map<?, ?> map)
        {
            out.append('{');
            boolean first = true;
            for (final Map.Entry<?, ?> entry : map.entrySet())
            {
                out.append(first ? "\n" : ",\n");
                first = false;
                pad(out, indent + 1);
                string(out, String.valueOf(entry.getKey()));
                out.append(": ");
                write(out, entry.getValue(), indent + 1);
            }
            if (!first)
            {
                out.append('\n');
                pad(out, indent);
            }
            out.append('}');
        }
        else if (value instanceof Collection<?> collection)
        {
            out.append('[');
            boolean first = true;
            for (final Object element : collection)
            {
                out.append(first ? "" : ", ");
                first = false;
                write(out, element, indent + 1);
            }
            out.append(']');
        }
        else if (value instanceof long[] longs)
        {
            out.append('[');
            for (int i = 0; i < longs.length; i++)
            {
                out.append(i == 0 ? "" : ", ").append(longs[i]);
            }
            out.append(']');
        }
        else if (value instanceof double[] doubles)
        {
            out.append('[');
            for (int i = 0; i < doubles.length; i++)
            {
                out.append(i == 0 ? "" : ", ");
                number(out, doubles[i]);
            }
            out.append(']');
        }
        else if (value instanceof Double || value instanceof Float)
        {
            number(out, ((Number)value).doubleValue());
        }
        else if (value instanceof Number || value instanceof Boolean)
        {
            out.append(value);
        }
        else
        {
            string(out, value.toString());
        }
    }

    private static void number(final StringBuilder out, final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            out.append("null");
        }
        else
        {
            out.append(String.format(Locale.ROOT, "%.3f", value));
        }
    }

    private static void string(final StringBuilder out, final String text)
    {
        out.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
                    break;
            }
        }
        out.append('"');
    }

    private static void pad(final StringBuilder out, final int indent)
    {
        for (int i = 0; i < indent; i++)
        {
            out.append("  ");
        }
    }
}
