package io.arbiter.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Decides whether an admin request that may change the node (any method but GET and HEAD) is allowed: it must carry
 * {@code Authorization: Bearer <token>} with the token of the configuration key {@code admin.token}; with no token
 * configured such requests are refused. Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual},
 * so the time taken depends neither on where they differ nor on the configured token's length. Immutable; any
 * thread. Produces garbage (control plane).
 */
public final class AdminAuthorizer
{
    private static final String BEARER = "Bearer ";

    /** What {@link #check(String)} decided. */
    public enum Decision
    {
        /** The request carries the configured token. */
        ALLOWED("allowed\n"),
        /** No token is configured: mutating endpoints are switched off. */
        DISABLED("mutating admin endpoints are disabled: set admin.token in the server configuration and send "
            + "'Authorization: Bearer <token>'\n"),
        /** A token is configured and the request carries none, or another one. */
        UNAUTHORIZED("this endpoint needs 'Authorization: Bearer <admin.token>'\n");

        private final String text;

        Decision(final String text)
        {
            this.text = text;
        }

        /**
         * @return the plain-text body of the answer to a refused request.
         */
        public String text()
        {
            return text;
        }
    }

    private final byte[] tokenDigest;

    /**
     * @param token the configured token; null or empty refuses every mutating request.
     */
    public AdminAuthorizer(final String token)
    {
        this.tokenDigest = token == null || token.isEmpty() ? null : sha256(token);
    }

    /**
     * @return true if a token is configured.
     */
    public boolean enabled()
    {
        return tokenDigest != null;
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null.
     * @return the decision.
     */
    public Decision check(final String authorization)
    {
        if (tokenDigest == null)
        {
            return Decision.DISABLED;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        {
            return Decision.UNAUTHORIZED;
        }
        final byte[] presented = sha256(authorization.substring(BEARER.length()).trim());
        return MessageDigest.isEqual(tokenDigest, presented) ? Decision.ALLOWED : Decision.UNAUTHORIZED;
    }

    private static byte[] sha256(final String text)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }
}
