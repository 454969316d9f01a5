package io.arbiter.app.admin;

import io.arbiter.app.ArbiterMain;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where and how {@code arbiter admin} reaches a node's admin API: host, port, token and timeout options (a picocli
 * mixin), and one request per call. Main thread only; produces garbage.
 */
public final class AdminConnection
{
    /** Exit code of a command the node refused or answered with an engine rejection (HTTP 4xx). */
    public static final int EXIT_REFUSED = 3;
    /** Environment variable read when {@code --token} is not given. */
    public static final String TOKEN_ENV = "ARBITER_ADMIN_TOKEN";

    @Option(names = "--host", paramLabel = "HOST", description = "Node address (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "The node's admin.port (default: ${DEFAULT-VALUE}).")
    int port = 7002;

    @Option(names = "--token", paramLabel = "TOKEN",
        description = "The node's admin.token (default: the " + TOKEN_ENV + " environment variable).")
    String token;

    @Option(names = "--timeout-ms", paramLabel = "MS",
        description = "How long to wait for the answer (default: ${DEFAULT-VALUE}).")
    long timeoutMs = 30_000;

    /**
     * Send one request and print the answer: the JSON body on standard output for 2xx, the error on standard error
     * otherwise.
     *
     * @param post   true for POST, false for GET.
     * @param path   the path, its variable parts already encoded by {@link #segment}.
     * @param params form parameters of a POST.
     * @param out    standard output.
     * @param err    standard error.
     * @return {@link ArbiterMain#EXIT_OK}, {@link #EXIT_REFUSED} for a 4xx answer, or {@link ArbiterMain#EXIT_FAILURE}
     *         when the node cannot be reached or answers 5xx.
     */
    int send(
        final boolean post, final String path, final Map<String, String> params, final PrintWriter out,
        final PrintWriter err)
    {
        final String secret = token != null ? token : System.getenv(TOKEN_ENV);
        final StringJoiner form = new StringJoiner("&");
        params.forEach((key, value) ->
        {
            if (value != null)
            {
                form.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
            .timeout(Duration.ofMillis(timeoutMs));
        if (secret != null && !secret.isEmpty())
        {
            request.header("Authorization", "Bearer " + secret);
        }
        if (post)
        {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        }
        else
        {
            request.GET();
        }
        try
        {
            final HttpResponse<String> response = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(timeoutMs)).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
            final int status = response.statusCode();
            if (status / 100 == 2)
            {
                out.print(response.body());
                out.flush();
                return ArbiterMain.EXIT_OK;
            }
            err.print("arbiter admin: HTTP " + status + ": " + response.body());
            err.flush();
            return status / 100 == 4 ? EXIT_REFUSED : ArbiterMain.EXIT_FAILURE;
        }
        catch (final IOException ex)
        {
            err.println("arbiter admin: cannot reach " + host + ":" + port + ": " + ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            err.println("arbiter admin: interrupted");
        }
        err.flush();
        return ArbiterMain.EXIT_FAILURE;
    }

    /**
     * @param value a symbol or account name.
     * @return it encoded as one path segment.
     */
    static String segment(final String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
