package io.arbiter.loadgen;

import io.arbiter.engine.Prices;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A small client of a node's admin HTTP API ({@code docs/admin.md}): journaled operator commands (POST with a form)
 * and the account query (GET), with the node's admin token. Any thread; control plane, produces garbage.
 */
public final class AdminClient
{
    /** How long one request may take: an operator command answers once durable, far within this on a working disk. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /**
     * @param baseUrl such as {@code http://127.0.0.1:7002}.
     * @param token   the node's {@code admin.token}, or null or empty to send none.
     */
    public AdminClient(final String baseUrl, final String token)
    {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    /**
     * Deposit an amount of an asset into an account (journaled).
     *
     * @param account     configured account name.
     * @param asset       asset name.
     * @param amountUnits positive amount in 1e-8 units.
     * @throws IOException if the node cannot be reached or refuses the deposit.
     */
    public void deposit(final String account, final String asset, final long amountUnits) throws IOException
    {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/accounts/" + segment(account) + "/deposit"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("asset=" + segment(asset) + "&amount=" +
                Prices.format(amountUnits))));
    }

    /**
     * The account query: balances per asset, disabled flag and open orders, as JSON.
     *
     * @param account configured account name, or {@code FEES} for the fee account.
     * @return the JSON text.
     * @throws IOException if the node cannot be reached or does not know the account.
     */
    public String account(final String account) throws IOException
    {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/accounts/" + segment(account))).GET());
    }

    private String send(final HttpRequest.Builder request) throws IOException
    {
        request.timeout(TIMEOUT);
        if (token != null && !token.isEmpty())
        {
            request.header("Authorization", "Bearer " + token);
        }
        final HttpResponse<String> response;
        try
        {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
        if (response.statusCode() / 100 != 2)
        {
            throw new IOException("HTTP " + response.statusCode() + " from " + request.build().uri() + ": " +
                response.body());
        }
        return response.body();
    }

    private static String segment(final String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
