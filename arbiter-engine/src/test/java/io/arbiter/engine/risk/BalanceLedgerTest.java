package io.arbiter.engine.risk;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BalanceLedgerTest
{
    @Test
    void shouldTellTheNonZeroBalancesInAssetOrderAndMarkTheLast()
    {
        final BalanceLedger ledger = new BalanceLedger();
        final int btc = ledger.defineAsset("BTC");
        final int eth = ledger.defineAsset("ETH");
        final int usdt = ledger.defineAsset("USDT");
        final int account = ledger.addAccount(7);
        ledger.set(ledger.slot(account, btc), 5, 0);
        ledger.set(ledger.slot(account, eth), 0, 0);
        ledger.set(ledger.slot(account, usdt), 0, 30);
        final List<String> told = new ArrayList<>();

        final int count = ledger.forEachNonZero(7,
            (asset, available, held, last) -> told.add(ledger.assetName(asset) + " " + available + "/" + held +
                (last ? " last" : "")));

        assertEquals(2, count);
        assertEquals(List.of("BTC 5/0", "USDT 0/30 last"), told);
    }

    @Test
    void shouldTellNothingForAnUnknownAccountOrOneWithNothing()
    {
        final BalanceLedger ledger = new BalanceLedger();
        ledger.defineAsset("BTC");
        ledger.addAccount(7);

        assertEquals(0, ledger.forEachNonZero(7, (asset, available, held, last) -> { }));
        assertEquals(0, ledger.forEachNonZero(8, (asset, available, held, last) -> { }));
    }
}
