package io.arbiter.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

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

    /**
     * POSTs a form with the test token, as an operator's command.
     *
     * @param port      of the admin endpoint.
     * @param path      such as {@code /admin/accounts/demo1/deposit}.
     * @param form      {@code application/x-www-form-urlencoded} body, e.g. {@code asset=USD&amount=10}.
     * @param timeoutMs how long to wait for the answer (a liveness bound).
     * @return the answer: status and body.
     * @throws IOException          if the connection fails.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static HttpResponse<String> postForm(final int port, final String path, final String form,
        final long timeoutMs) throws IOException, InterruptedException
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofMillis(timeoutMs))
            .header("Authorization", BEARER)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
