package io.arbiter.app.match;

import java.util.Arrays;

/**
 * The comma-separated fields of one line, as index ranges into the line with surrounding whitespace trimmed from the
 * line and from each field. Reused from line to line; the {@link CharSequence} returned by {@link #field(int)} is a
 * view that stays valid only until the next call. Single threaded.
 */
final class LineFields
{
    private String line = "";
    private int count;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private final FieldView view = new FieldView();

    /**
     * Split a line into fields.
     *
     * @param line to split.
     * @return false if the line is blank or a comment (first non-blank character {@code #}), true otherwise.
     */
    boolean split(final String line)
    {
        this.line = line;
        count = 0;
        int start = 0;
        int end = line.length();
        while (start < end && line.charAt(start) <= ' ')
        {
            start++;
        }
        while (end > start && line.charAt(end - 1) <= ' ')
        {
            end--;
        }
        if (start == end || line.charAt(start) == '#')
        {
            return false;
        }

        int fieldStart = start;
        for (int i = start; i <= end; i++)
        {
            if (i == end || line.charAt(i) == ',')
            {
                add(fieldStart, i);
                fieldStart = i + 1;
            }
        }
        return true;
    }

    /**
     * @return number of fields of the last line split.
     */
    int count()
    {
        return count;
    }

    /**
     * @param index of the field.
     * @return the field as a view that is valid until the next call to this method or {@link #split(String)}.
     */
    CharSequence field(final int index)
    {
        view.start = starts[index];
        view.end = ends[index];
        return view;
    }

    /**
     * Produces garbage.
     *
     * @param index of the field.
     * @return the field as a new string.
     */
    String string(final int index)
    {
        return line.substring(starts[index], ends[index]);
    }

    /**
     * @param index of the field.
     * @return true if the field is empty after trimming.
     */
    boolean isEmpty(final int index)
    {
        return starts[index] == ends[index];
    }

    /**
     * @param index of the field.
     * @param word  to compare with, case sensitive.
     * @return true if the field is exactly the word.
     */
    boolean is(final int index, final String word)
    {
        final int start = starts[index];
        final int length = ends[index] - start;
        return length == word.length() && line.regionMatches(start, word, 0, length);
    }

    private void add(final int from, final int to)
    {
        int start = from;
        int end = to;
        while (start < end && line.charAt(start) <= ' ')
        {
            start++;
        }
        while (end > start && line.charAt(end - 1) <= ' ')
        {
            end--;
        }
        if (count == starts.length)
        {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    private final class FieldView implements CharSequence
    {
        private int start;
        private int end;

        @Override
        public int length()
        {
            return end - start;
        }

        @Override
        public char charAt(final int index)
        {
            return line.charAt(start + index);
        }

        @Override
        public CharSequence subSequence(final int from, final int to)
        {
            return line.substring(start + from, start + to);
        }

        @Override
        public String toString()
        {
            return line.substring(start, end);
        }
    }
}
