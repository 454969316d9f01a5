package io.arbiter.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text strictly (Jackson, trailing text refused) into plain values for assertions: objects become
 * {@link LinkedHashMap}s in document order, arrays {@link ArrayList}s, every number a {@link Double}, strings, booleans
 * and {@code null} as themselves. Thread-safe. Produces garbage; for tests only.
 */
public final class JsonReader
{
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonReader()
    {
    }

    /**
     * Parses one JSON value.
     *
     * @param text JSON text.
     * @return the value as plain Java objects.
     * @throws IllegalArgumentException if the text is not one well-formed JSON value.
     */
    public static Object read(final String text)
    {
        try
        {
            return plain(MAPPER.readTree(text));
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException("malformed JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    /**
     * Parses a JSON object.
     *
     * @param text JSON text holding one object.
     * @return its members in document order.
     * @throws IllegalArgumentException if the text is not one well-formed JSON object.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(final String text)
    {
        final Object value = read(text);
        if (!(value instanceof Map))
        {
            throw new IllegalArgumentException("not a JSON object: " + text);
        }
        return (Map<String, Object>)value;
    }

    private static Object plain(final JsonNode node)
    {
        if (node == null || node.isNull() || node.isMissingNode())
        {
            return null;
        }
        if (node.isObject())
        {
            final Map<String, Object> map = new LinkedHashMap<>();
            for (final Map.Entry<String, JsonNode> field : node.properties())
            {
                map.put(field.getKey(), plain(field.getValue()));
            }
            return map;
        }
        if (node.isArray())
        {
            final List<Object> list = new ArrayList<>(node.size());
            for (final JsonNode element : node)
            {
                list.add(plain(element));
            }
            return list;
        }
        if (node.isNumber())
        {
            return node.doubleValue();
        }
        if (node.isBoolean())
        {
            return node.booleanValue();
        }
        return node.textValue();
    }
}
