package io.arbiter.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Plain HTTP calls to a test node's admin endpoint on loopback. Any test thread.
 */
public final class AdminHttp
{
    /** The admin token the tests that call mutating endpoints configure. */
    public static final String TOKEN = "test-admin-token";
    /** The header value that carries {@link #TOKEN}. */
    public static final String BEARER = "Bearer " + TOKEN;

    private AdminHttp()
    {
    }

    /**
     * Sends a GET.
     *
     * @param port of the admin endpoint.
     * @param path such as {@code /ready}.
     * @return the status code of a GET.
     * @throws IOException if the connection fails.
     */
    public static int status(final int port, final String path) throws IOException
    {
        return status(port, path, "GET");
    }

    /**
     * Sends a request without a body.
     *
     * @param port   of the admin endpoint.
     * @param path   such as {@code /admin/snapshot}.
     * @param method HTTP method.
     * @return the status code.
     * @throws IOException if the connection fails.
     */
    public static int status(final int port, final String path, final String method) throws IOException
    {
        return status(port, path, method, null);
    }

    /**
     * Sends a request without a body, with an {@code Authorization} header.
     *
     * @param port          of the admin endpoint.
     * @param path          such as {@code /admin/snapshot}.
     * @param method        HTTP method.
     * @param authorization value of the {@code Authorization} header, or null for none.
     * @return the status code.
     * @throws IOException if the connection fails.
     */
    public static int status(final int port, final String path, final String method, final String authorization)
        throws IOException
    {
        final HttpURLConnection connection =
            (HttpURLConnection)new URL("http://127.0.0.1:" + port + path).openConnection();
        connection.setRequestMethod(method);
        if (authorization != null)
        {
            connection.setRequestProperty("Authorization", authorization);
        }
        try
        {
            return connection.getResponseCode();
        }
        finally
        {
            connection.disconnect();
        }
    }

    /**
     * Reads the body of a GET.
     *
     * @param port of the admin endpoint.
     * @param path such as {@code /admin/state}.
     * @return the body of a successful GET as UTF-8.
     * @throws IOException if the connection fails or the status is an error.
     */
    public static String body(final int port, final String path) throws IOException
    {
        final HttpURLConnection connection =
            (HttpURLConnection)new URL("http://127.0.0.1:" + port + path).openConnection();
        try (InputStream in = connection.getInputStream())
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        finally
        {
            connection.disconnect();
        }
    }
}
