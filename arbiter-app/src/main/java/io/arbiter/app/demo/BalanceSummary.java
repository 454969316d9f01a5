package io.arbiter.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arbiter.loadgen.AdminClient;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's closing lines about money: the fees the {@code FEES} account collected and each account's available and
 * held balance per asset, read through the node's account query. Main thread; control plane, produces garbage.
 */
final class BalanceSummary
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private BalanceSummary()
    {
    }

    /**
     * @param admin    the node's admin API.
     * @param accounts the accounts to list, in order.
     * @return the text, one line per account and asset.
     * @throws IOException if a query fails.
     */
    static String describe(final AdminClient admin, final List<String> accounts) throws IOException
    {
        final StringBuilder out = new StringBuilder(512);
        out.append(String.format(Locale.ROOT, "%nfees collected (account FEES, less rebates):%n"));
        appendBalances(out, "FEES", JSON.readTree(admin.account("FEES")).path("balances"), true);
        out.append(String.format(Locale.ROOT, "balances after the run:%n"));
        out.append(String.format(Locale.ROOT, "  %-10s %-6s %22s %22s%n", "account", "asset", "available", "held"));
        for (final String account : accounts)
        {
            appendBalances(out, account, JSON.readTree(admin.account(account)).path("balances"), false);
        }
        return out.toString();
    }

    private static void appendBalances(
        final StringBuilder out, final String account, final JsonNode balances, final boolean availableOnly)
    {
        for (final Map.Entry<String, JsonNode> asset : balances.properties())
        {
            final String available = asset.getValue().path("available").asText();
            if (availableOnly)
            {
                out.append(String.format(Locale.ROOT, "  %s %s%n", available, asset.getKey()));
            }
            else
            {
                out.append(String.format(Locale.ROOT, "  %-10s %-6s %22s %22s%n", account, asset.getKey(), available,
                    asset.getValue().path("held").asText()));
            }
        }
    }
}
