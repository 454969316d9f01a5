package io.arbiter.app.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.arbiter.engine.EngineContext;

class MatchRunnerTest
{
    private static final String HEADER = "INSTRUMENT,BTC-USD,0.01,1\n";

    @Test
    @Tag("slow")
    void shouldStreamMillionsOfLinesInOrderWithoutHoldingThem() throws IOException, MalformedLineException
    {
        final int pairs = 1_500_000;
        final PairWriter out = new PairWriter();
        final MatchRunner runner = new MatchRunner(new EngineContext());

        runner.run(new BufferedReader(new PairReader(pairs), 1 << 16), out);

        assertEquals(2L * pairs, runner.commandCount());
        assertEquals(pairs, out.pairsChecked);
        assertEquals(0, out.pending.length());
        assertEquals(0, runner.engine().openOrderCount());
        assertTrue(out.writes > 1, "events are written in chunks while reading");
    }

    @Test
    void shouldWriteEventsInChunksOfBoundedSize() throws IOException, MalformedLineException
    {
        final PairWriter out = new PairWriter();
        final MatchRunner runner = new MatchRunner(new EngineContext());

        runner.run(new BufferedReader(new PairReader(20_000)), out);

        assertEquals(20_000, out.pairsChecked);
        assertTrue(out.writes > 1, "events are written in chunks while reading");
        assertTrue(out.largestWrite < MatchRunner.FLUSH_THRESHOLD + 256, () -> "largest write " + out.largestWrite);
    }

    private static String lines(final long pair)
    {
        final long buy = 2 * pair + 1;
        final long sell = buy + 1;
        final String price = (pair % 50) + 1 + "." + (pair % 10) + "5";
        return "NEW," + buy + ",a" + (pair % 7) + ",BTC-USD,BUY,LIMIT,GTC," + price + ",3\n" +
            "NEW," + sell + ",b" + (pair % 5) + ",BTC-USD,SELL,LIMIT,IOC," + price + ",3\n";
    }

    private static String events(final long pair)
    {
        final long buy = 2 * pair + 1;
        final long sell = buy + 1;
        final String price = (pair % 50) + 1 + "." + (pair % 10) + "5";
        return "ACCEPTED," + buy + "\nACCEPTED," + sell + "\nTRADE,BTC-USD," + price + ",3," + buy + "," + sell + "\n";
    }

    private static final class PairReader extends Reader
    {
        private final long pairs;
        private long next = -1;
        private String chunk = HEADER;
        private int position;

        PairReader(final long pairs)
        {
            this.pairs = pairs;
        }

        @Override
        public int read(final char[] buffer, final int offset, final int length)
        {
            if (position == chunk.length())
            {
                if (++next == pairs)
                {
                    return -1;
                }
                chunk = lines(next);
                position = 0;
            }
            final int n = Math.min(length, chunk.length() - position);
            chunk.getChars(position, position + n, buffer, offset);
            position += n;
            return n;
        }

        @Override
        public void close()
        {
        }
    }

    private static final class PairWriter extends Writer
    {
        private final StringBuilder pending = new StringBuilder();
        private long pairsChecked;
        private long writes;
        private int largestWrite;

        @Override
        public void write(final char[] buffer, final int offset, final int length)
        {
            writes++;
            largestWrite = Math.max(largestWrite, length);
            pending.append(buffer, offset, length);
            int start = 0;
            while (true)
            {
                final String expected = events(pairsChecked);
                if (pending.length() - start < expected.length())
                {
                    break;
                }
                assertEquals(expected, pending.substring(start, start + expected.length()));
                start += expected.length();
                pairsChecked++;
            }
            pending.delete(0, start);
        }

        @Override
        public void flush()
        {
        }

        @Override
        public void close()
        {
        }
    }
}
