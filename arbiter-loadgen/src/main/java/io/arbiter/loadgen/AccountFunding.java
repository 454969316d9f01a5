package io.arbiter.loadgen;

import io.arbiter.engine.Prices;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Funds the load's accounts before a run ({@link LoadGeneratorConfig#fund}): for each distinct account one deposit of
 * the quote asset and one of the base asset, through the node's admin HTTP API with its admin token (the binary
 * protocol has no operator path). Deposits are journaled operator commands, so a replay of the node's journal sees
 * them. Calling thread; control plane, produces garbage.
 */
final class AccountFunding
{
    private AccountFunding()
    {
    }

    /**
     * Deposit the configured amounts into every account of the run.
     *
     * @param config the run's settings, with a positive fund amount.
     * @param out    where one line about the funding goes.
     * @return the number of accounts funded.
     * @throws IOException if the admin API cannot be reached or refuses a deposit.
     */
    static int fund(final LoadGeneratorConfig config, final PrintStream out) throws IOException
    {
        final AdminClient admin = new AdminClient(config.adminUrl, config.adminToken);
        final Set<String> accounts = new LinkedHashSet<>();
        for (final String[] account : config.effectiveAccounts())
        {
            accounts.add(account[0]);
        }
        final long base = config.baseFundUnits();
        for (final String account : accounts)
        {
            admin.deposit(account, config.quoteAsset, config.fundQuoteUnits);
            admin.deposit(account, config.baseAsset, base);
        }
        out.printf("loadgen: funded %d accounts with %s %s and %s %s each through %s%n", accounts.size(),
            Prices.format(config.fundQuoteUnits), config.quoteAsset, Prices.format(base), config.baseAsset,
            config.adminUrl);
        return accounts.size();
    }
}
