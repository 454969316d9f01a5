package io.arbiter.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.arbiter.loadgen.ProgressLine;

/**
 * Logback's console appender, except that a record never lands in the middle of the load generator's progress line:
 * the line is ended first and the next progress update starts below the record ({@link ProgressLine}). Configured in
 * {@code logback.xml} and {@code logback-json.xml}; any thread.
 */
public final class ProgressAwareConsoleAppender extends ConsoleAppender<ILoggingEvent>
{
    /**
     * Writes one record after ending an open progress line.
     *
     * @param event the record.
     */
    @Override
    protected void append(final ILoggingEvent event)
    {
        ProgressLine.runBetweenRedraws(() -> super.append(event));
    }
}
