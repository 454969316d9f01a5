package io.arbiter.loadgen;

import java.io.PrintStream;

/**
 * The one progress line of a terminal: redrawn in place with a carriage return, and ended before any other output
 * (a log record) is written to the terminal, so that the record starts on a line of its own and the next redraw starts
 * a fresh progress line below it. One lock for the whole process; any thread. Produces garbage (formatting is the
 * caller's).
 */
public final class ProgressLine
{
    private static final Object LOCK = new Object();
    private static PrintStream open;

    private ProgressLine()
    {
    }

    /**
     * Redraws the progress line.
     *
     * @param out  where the line goes (normally standard error).
     * @param text the whole line, without line breaks.
     */
    public static void show(final PrintStream out, final String text)
    {
        synchronized (LOCK)
        {
            out.print('\r');
            out.print(text);
            out.flush();
            open = out;
        }
    }

    /**
     * Ends the progress line, if one is open, with a line break.
     */
    public static void end()
    {
        synchronized (LOCK)
        {
            endOpenLine();
        }
    }

    /**
     * Runs other output to the terminal (for example a log appender's write) with the progress line ended first and
     * no redraw in between.
     *
     * @param output writes the other output.
     */
    public static void runBetweenRedraws(final Runnable output)
    {
        synchronized (LOCK)
        {
            endOpenLine();
            output.run();
        }
    }

    private static void endOpenLine()
    {
        if (open != null)
        {
            open.println();
            open.flush();
            open = null;
        }
    }
}
