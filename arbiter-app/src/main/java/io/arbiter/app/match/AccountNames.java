package io.arbiter.app.match;

import java.util.ArrayList;

import org.agrona.collections.Object2LongHashMap;

import io.arbiter.engine.risk.SpotRisk;

/**
 * The accounts of a command file: each name gets a dense id in order of first appearance, and an id gives its name
 * back. Single threaded.
 */
final class AccountNames
{
    /** The reserved name of the account that collects fees. */
    static final String FEE_ACCOUNT_NAME = "FEES";

    private final ArrayList<String> accountNames = new ArrayList<>();
    private final Object2LongHashMap<String> accounts = new Object2LongHashMap<>(-1L);

    /**
     * @param name of an account, not empty and not {@link #FEE_ACCOUNT_NAME}.
     * @return the account's id, a new one (the number of accounts seen before) if the name is new.
     */
    long id(final String name)
    {
        long id = accounts.getValue(name);
        if (id == accounts.missingValue())
        {
            id = accounts.size();
            accounts.put(name, id);
            accountNames.add(name);
        }
        return id;
    }

    /**
     * @param accountId an id given by {@link #id(String)}, or {@link SpotRisk#FEE_ACCOUNT}.
     * @return the account's name in the file.
     */
    String name(final long accountId)
    {
        return accountId == SpotRisk.FEE_ACCOUNT ? FEE_ACCOUNT_NAME : accountNames.get((int)accountId);
    }

    /**
     * @return number of distinct accounts seen so far.
     */
    int count()
    {
        return accounts.size();
    }
}
