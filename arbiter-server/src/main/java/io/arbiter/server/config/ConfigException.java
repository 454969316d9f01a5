package io.arbiter.server.config;

/**
 * A configuration file or option is wrong; the message names the key and what is wrong with its value.
 */
public final class ConfigException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message naming the key and the problem.
     */
    public ConfigException(final String message)
    {
        super(message);
    }
}
