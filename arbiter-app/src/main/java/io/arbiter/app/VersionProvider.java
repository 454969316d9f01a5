package io.arbiter.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * Version text of {@code arbiter --version}: the project version recorded at build time, the JVM and the OS.
 * Called by picocli on the main thread.
 */
public final class VersionProvider implements IVersionProvider
{
    private static final String RESOURCE = "version.properties";

    /**
     * @return the project version, or {@code unknown} if the build did not record it.
     */
    public static String projectVersion()
    {
        final Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE))
        {
            if (in != null)
            {
                properties.load(in);
            }
        }
        catch (final IOException ex)
        {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String[] getVersion()
    {
        return new String[] {
            "arbiter " + projectVersion(),
            "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") +
                " (" + System.getProperty("java.vendor") + ")",
            "OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
                System.getProperty("os.arch")
        };
    }
}
