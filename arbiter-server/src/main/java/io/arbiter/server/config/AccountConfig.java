package io.arbiter.server.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * One account allowed to log on: name, engine account id and secret. Immutable; {@link #secretMatches(byte[])} is a
 * constant-time comparison, safe to call from any thread.
 */
public final class AccountConfig
{
    private final String name;
    private final long id;
    private final byte[] secret;

    /**
     * @param name   logon name.
     * @param id     engine account id, positive.
     * @param secret shared secret (UTF-8 bytes are compared).
     */
    public AccountConfig(final String name, final long id, final String secret)
    {
        this.name = name;
        this.id = id;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return logon name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return engine account id.
     */
    public long id()
    {
        return id;
    }

    /**
     * Compare in time independent of where the bytes differ.
     *
     * @param candidate secret offered at logon.
     * @return true if it equals this account's secret.
     */
    public boolean secretMatches(final byte[] candidate)
    {
        return MessageDigest.isEqual(secret, candidate);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "AccountConfig{" + name + " id=" + id + "}";
    }
}
