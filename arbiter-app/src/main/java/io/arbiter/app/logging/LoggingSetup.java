package io.arbiter.app.logging;

import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Chooses the log format before the first logger exists and sends {@code java.util.logging} (and so
 * {@link System.Logger}) records to SLF4J, whose backend is Logback. Formats: {@code text} (default, one line per
 * record, {@code logback.xml}) and {@code json} (one JSON object per line for log shippers, {@code logback-json.xml}),
 * chosen with {@code -Darbiter.log.format}. A user's own {@code -Dlogback.configurationFile} always wins. Called once,
 * first thing in {@code main}.
 */
public final class LoggingSetup
{
    /** System property that selects the log format. */
    public static final String FORMAT_PROPERTY = "arbiter.log.format";
    /** Logback's own property naming its configuration file. */
    public static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

    private LoggingSetup()
    {
    }

    /**
     * Applies the format choice and installs the {@code java.util.logging} bridge.
     *
     * @param err where a warning about an unknown format goes.
     */
    public static void configure(final PrintStream err)
    {
        final String format = System.getProperty(FORMAT_PROPERTY, "text").trim().toLowerCase(Locale.ROOT);
        if (System.getProperty(LOGBACK_CONFIGURATION) == null)
        {
            if ("json".equals(format))
            {
                System.setProperty(LOGBACK_CONFIGURATION, "logback-json.xml");
            }
            else if (!"text".equals(format))
            {
                err.println("arbiter: unknown " + FORMAT_PROPERTY + " '" + format + "' (text or json): using text");
            }
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
