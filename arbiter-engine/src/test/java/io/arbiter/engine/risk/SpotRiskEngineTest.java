package io.arbiter.engine.risk;

import io.arbiter.engine.Command;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.engine.support.RecordingExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.arbiter.engine.Side.BUY;
import static io.arbiter.engine.Side.SELL;
import static io.arbiter.engine.TimeInForce.FOK;
import static io.arbiter.engine.TimeInForce.GTC;
import static io.arbiter.engine.TimeInForce.IOC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The hold, settle and release rules of docs/engine-semantics.md on hand-computed cases: every expected amount below
 * is worked out from the written rules (fees 10 bps maker, 20 bps taker unless a test sets others).
 */
class SpotRiskEngineTest
{
    private static final long A = 1;
    private static final long B = 2;

    private final RecordingExecutionListener listener = new RecordingExecutionListener();
    private final List<String> balances = new ArrayList<>();
    private final Command command = new Command();
    private MatchingEngine engine;
    private int btcUsd;
    private int plain;
    private int btc;
    private int usd;

    @BeforeEach
    void setUp()
    {
        engine = new MatchingEngine(new EngineContext(), listener);
        engine.balanceListener((account, asset, available, held) -> balances.add(
            "BALANCE," + (account == SpotRisk.FEE_ACCOUNT ? "FEES" : account) + "," +
            engine.riskControls().assetName(asset) + "," + Prices.format(available) + "," + Prices.format(held)));
        btcUsd = engine.addInstrument("BTC-USD", Prices.parse("0.01"), 1, "BTC", "USD").id();
        plain = engine.addInstrument("PLAIN", Prices.parse("0.01"), 1).id();
        btc = engine.riskControls().assetId("BTC");
        usd = engine.riskControls().assetId("USD");
        engine.riskControls().fees(btcUsd, 10, 20);
    }

    @Test
    void shouldHoldSettleAndChargeFeesOnAFill()
    {
        deposit(A, usd, "1000");
        assertEquals(List.of("BALANCE,1,USD,1000,0"), drainBalances());
        deposit(B, btc, "5");
        drainBalances();

        assertEvents(order(1, B, SELL, OrderType.LIMIT, GTC, "100", 2), "ACCEPTED,1");
        assertEquals(List.of("BALANCE,2,BTC,3,2"), drainBalances());

        assertEvents(order(2, A, BUY, OrderType.LIMIT, GTC, "100", 1), "ACCEPTED,2", "TRADE,0,100,1,1,2");
        assertEquals(List.of(
            "BALANCE,1,USD,899.8,0",
            "BALANCE,1,BTC,1,0",
            "BALANCE,2,BTC,3,1",
            "BALANCE,2,USD,99.9,0",
            "BALANCE,FEES,USD,0.3,0"), drainBalances());
    }

    @Test
    void shouldRejectAnOrderTheAccountCannotPayForAndChangeNothing()
    {
        deposit(A, usd, "100.19");
        deposit(B, btc, "1");
        drainBalances();
        assertEvents(order(1, A, BUY, OrderType.LIMIT, GTC, "100", 1), "REJECTED,1,INSUFFICIENT_FUNDS");
        assertEvents(order(2, B, SELL, OrderType.LIMIT, GTC, "100", 2), "REJECTED,2,INSUFFICIENT_FUNDS");
        assertEvents(order(3, 3, SELL, OrderType.LIMIT, GTC, "100", 1), "REJECTED,3,INSUFFICIENT_FUNDS");
        assertEquals(List.of(), drainBalances());
        assertEquals(0, engine.openOrderCount());
    }

    @Test
    void shouldReturnWhatAPriceImprovementLeavesOfTheHold()
    {
        deposit(A, usd, "1000");
        deposit(B, btc, "1");
        order(1, B, SELL, OrderType.LIMIT, GTC, "90", 1);
        drainBalances();
        assertEvents(order(2, A, BUY, OrderType.LIMIT, IOC, "100", 1), "ACCEPTED,2", "TRADE,0,90,1,1,2");
        assertEquals(List.of(
            "BALANCE,1,USD,909.82,0",
            "BALANCE,1,BTC,1,0",
            "BALANCE,2,BTC,0,0",
            "BALANCE,2,USD,89.91,0",
            "BALANCE,FEES,USD,0.27,0"), drainBalances());
    }

    @Test
    void shouldBuyAtMarketLotByLotUntilTheHoldRunsOut()
    {
        deposit(A, usd, "250.5");
        deposit(B, btc, "10");
        order(1, B, SELL, OrderType.LIMIT, GTC, "100", 1);
        order(2, B, SELL, OrderType.LIMIT, GTC, "120", 5);
        drainBalances();
        assertEvents(order(3, A, BUY, OrderType.MARKET, IOC, null, 5),
            "ACCEPTED,3", "TRADE,0,100,1,1,3", "TRADE,0,120,1,2,3", "CANCELED,3,3,INSUFFICIENT_FUNDS");
        // 250.5 - (100 + 0.2) - (120 + 0.24) = 30.06 returns; B receives 100 - 0.1 + 120 - 0.12
        assertEquals(List.of(
            "BALANCE,1,USD,30.06,0",
            "BALANCE,1,BTC,2,0",
            "BALANCE,2,BTC,4,4",
            "BALANCE,2,USD,219.78,0",
            "BALANCE,FEES,USD,0.66,0"), drainBalances());
        assertEvents(order(4, 3, BUY, OrderType.MARKET, IOC, null, 1), "REJECTED,4,INSUFFICIENT_FUNDS");
    }

    @Test
    void shouldKillAMarketFokBuyItCannotAfford()
    {
        deposit(A, usd, "250.5");
        deposit(B, btc, "10");
        order(1, B, SELL, OrderType.LIMIT, GTC, "100", 1);
        order(2, B, SELL, OrderType.LIMIT, GTC, "120", 5);
        drainBalances();
        assertEvents(order(3, A, BUY, OrderType.MARKET, FOK, null, 3), "ACCEPTED,3", "CANCELED,3,3,FOK");
        assertEquals(List.of(), drainBalances());
        assertEvents(order(4, A, BUY, OrderType.MARKET, FOK, null, 2),
            "ACCEPTED,4", "TRADE,0,100,1,1,4", "TRADE,0,120,1,2,4");
    }

    @Test
    void shouldRecomputeTheHoldOnReplace()
    {
        deposit(A, usd, "300");
        drainBalances();
        order(1, A, BUY, OrderType.LIMIT, GTC, "100", 1);
        assertEquals(List.of("BALANCE,1,USD,199.8,100.2"), drainBalances());
        assertEvents(replace(1, A, "100", 2), "REPLACED,1,100,2");
        assertEquals(List.of("BALANCE,1,USD,99.6,200.4"), drainBalances());
        assertEvents(replace(1, A, "100", 3), "REJECTED,1,INSUFFICIENT_FUNDS");
        assertEvents(replace(1, A, "50", 1), "REPLACED,1,50,1");
        assertEquals(List.of("BALANCE,1,USD,249.9,50.1"), drainBalances());
        cancel(1, A);
        assertEquals(List.of("BALANCE,1,USD,300,0"), drainBalances());
    }

    @Test
    void shouldApplyLimitsAfterTheOtherChecksAndBeforeFunds()
    {
        engine.riskControls().limits(btcUsd, 10, Prices.parse("500"));
        assertEvents(order(1, A, BUY, OrderType.LIMIT, GTC, "100", 11), "REJECTED,1,MAX_QTY_EXCEEDED");
        assertEvents(order(2, A, BUY, OrderType.LIMIT, GTC, "100", 6), "REJECTED,2,MAX_NOTIONAL_EXCEEDED");
        assertEvents(order(3, A, BUY, OrderType.MARKET, IOC, null, 6), "REJECTED,3,INSUFFICIENT_FUNDS");
        assertEvents(order(4, A, BUY, OrderType.LIMIT, GTC, "100.001", 11), "REJECTED,4,INVALID_PRICE");
    }

    @Test
    void shouldRejectAnOrderWhoseAmountsCannotBeRepresentedAsInvalidQuantity()
    {
        assertEvents(order(1, A, BUY, OrderType.LIMIT, GTC, "1000000", 100_000_000_000L), "REJECTED,1,INVALID_QTY");
        assertEvents(order(2, A, SELL, OrderType.LIMIT, GTC, "1", 100_000_000_000L), "REJECTED,2,INVALID_QTY");
    }

    @Test
    void shouldPayMakerRebatesFromTheFeeAccount()
    {
        engine.riskControls().fees(btcUsd, -5, 10);
        deposit(A, usd, "1000");
        deposit(B, btc, "1");
        order(1, A, BUY, OrderType.LIMIT, GTC, "100", 1);
        drainBalances();
        assertEvents(order(2, B, SELL, OrderType.LIMIT, GTC, "100", 1), "ACCEPTED,2", "TRADE,0,100,1,1,2");
        // A held 100.1 (taker fee counted), pays 100 - 0.05; B gets 100 - 0.1; FEES gets 0.1 - 0.05
        assertEquals(List.of(
            "BALANCE,2,BTC,0,0",
            "BALANCE,1,USD,900.05,0",
            "BALANCE,1,BTC,1,0",
            "BALANCE,2,USD,99.9,0",
            "BALANCE,FEES,USD,0.05,0"), drainBalances());
    }

    @Test
    void shouldWithdrawOnlyWhatIsAvailable()
    {
        deposit(A, usd, "100");
        order(1, A, BUY, OrderType.LIMIT, GTC, "50", 1);
        drainBalances();
        assertFalse(engine.riskControls().withdraw(A, usd, Prices.parse("50")));
        assertEquals(List.of(), drainBalances());
        assertEquals(true, engine.riskControls().withdraw(A, usd, Prices.parse("49.9")));
        assertEquals(List.of("BALANCE,1,USD,0,50.1"), drainBalances());
    }

    @Test
    void shouldLeaveInstrumentsWithoutAssetsAsTheyWere()
    {
        assertEvents(order(1, A, SELL, OrderType.LIMIT, GTC, "100", 5, plain), "ACCEPTED,1");
        assertEvents(order(2, B, BUY, OrderType.LIMIT, GTC, "100", 5, plain), "ACCEPTED,2", "TRADE,1,100,5,1,2");
        assertEquals(List.of(), drainBalances());
        assertThrows(IllegalArgumentException.class, () -> engine.riskControls().fees(plain, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> engine.riskControls().fees(btcUsd, 3, 2));
    }

    @Test
    void shouldHoldAStopFromAcceptanceAndSettleItWhenItTriggers()
    {
        deposit(A, usd, "1000");
        deposit(B, btc, "5");
        deposit(3, usd, "200");
        order(1, B, SELL, OrderType.LIMIT, GTC, "101", 2);
        drainBalances();
        command.newOrder(2, A, btcUsd, BUY, OrderType.STOP_LIMIT, GTC, Prices.parse("105"), 1,
            SelfTradePrevention.NONE).stopPrice(Prices.parse("101"));
        listener.clear();
        engine.onCommand(command);
        assertEquals(List.of("ACCEPTED,2"), listener.drain());
        assertEquals(List.of("BALANCE,1,USD,894.79,105.21"), drainBalances());

        // a trade at 101 triggers the stop, which buys B's other lot at 101: 101 + 0.202 taker fee, 4.008 returns
        order(3, 3, BUY, OrderType.LIMIT, GTC, "101", 1);
        assertEquals(List.of("ACCEPTED,3", "TRADE,0,101,1,1,3", "TRIGGERED,2", "TRADE,0,101,1,1,2"),
            listener.drain());
        assertEquals(List.of(
            "BALANCE,3,USD,98.798,0",
            "BALANCE,3,BTC,1,0",
            "BALANCE,2,BTC,3,0",
            "BALANCE,2,USD,201.798,0",
            "BALANCE,FEES,USD,0.606,0",
            "BALANCE,1,USD,898.798,0",
            "BALANCE,1,BTC,1,0"), drainBalances());
        assertEquals(0, engine.openOrderCount());
    }

    @Test
    void shouldCancelEveryOpenOrderOfADisabledAccountAndReturnItsHolds()
    {
        deposit(A, usd, "1000");
        order(1, A, BUY, OrderType.LIMIT, GTC, "100", 2);
        order(2, A, BUY, OrderType.LIMIT, GTC, "99", 1, plain);
        drainBalances();
        listener.clear();
        assertEquals(2, engine.riskControls().disable(A));
        engine.riskControls().endControlCommand();
        assertEquals(List.of("CANCELED,1,2,ACCOUNT_DISABLED", "CANCELED,2,1,ACCOUNT_DISABLED"), listener.drain());
        assertEquals(List.of("BALANCE,1,USD,1000,0"), drainBalances());
        assertEvents(order(3, A, BUY, OrderType.LIMIT, GTC, "100", 1, plain), "REJECTED,3,ACCOUNT_DISABLED");
        engine.riskControls().enable(A);
        assertEvents(order(3, A, BUY, OrderType.LIMIT, GTC, "100", 1), "ACCEPTED,3");
    }

    @Test
    void shouldKeepTheHoldsOfOpenOrdersWhenANewAssetWidensTheAccounts()
    {
        deposit(A, usd, "1000");
        deposit(B, btc, "5");
        order(1, B, SELL, OrderType.LIMIT, GTC, "100", 2);
        order(2, A, BUY, OrderType.LIMIT, GTC, "90", 1);
        drainBalances();
        final int ethUsd = engine.addInstrument("ETH-USD", Prices.parse("0.01"), 1, "ETH", "USDT").id();
        final int eth = engine.riskControls().assetId("ETH");
        final int usdt = engine.riskControls().assetId("USDT");
        engine.riskControls().fees(ethUsd, 10, 20);
        deposit(A, eth, "3");
        deposit(B, usdt, "7");
        assertEquals(List.of("BALANCE,1,ETH,3,0", "BALANCE,2,USDT,7,0"), drainBalances());

        assertEvents(order(3, A, BUY, OrderType.LIMIT, IOC, "100", 1), "ACCEPTED,3", "TRADE,0,100,1,1,3");
        // A holds 90.18 for order 2 and pays 100.2 for the fill; B sold 1 of the 2 BTC held for order 1
        assertEquals(List.of(
            "BALANCE,1,USD,809.62,90.18",
            "BALANCE,1,BTC,1,0",
            "BALANCE,2,BTC,3,1",
            "BALANCE,2,USD,99.9,0",
            "BALANCE,FEES,USD,0.3,0"), drainBalances());
        cancel(2, A);
        cancel(1, B);
        assertEquals(List.of("BALANCE,1,USD,899.8,0", "BALANCE,2,BTC,4,0"), drainBalances());
        assertEquals(3 * Prices.UNIT, engine.risk().ledger().available(A, eth));
        assertEquals(7 * Prices.UNIT, engine.risk().ledger().available(B, usdt));
        assertEquals(0, engine.holdsInUse());
    }

    private void deposit(final long account, final int asset, final String amount)
    {
        engine.riskControls().deposit(account, asset, Prices.parse(amount));
    }

    private List<String> drainBalances()
    {
        final List<String> copy = new ArrayList<>(balances);
        balances.clear();
        return copy;
    }

    private Command order(
        final long orderId, final long account, final Side side, final OrderType type, final TimeInForce tif,
        final String price, final long quantity)
    {
        return order(orderId, account, side, type, tif, price, quantity, btcUsd);
    }

    private Command order(
        final long orderId, final long account, final Side side, final OrderType type, final TimeInForce tif,
        final String price, final long quantity, final int instrumentId)
    {
        command.newOrder(orderId, account, instrumentId, side, type, tif,
            price == null ? Prices.NULL_PRICE : Prices.parse(price), quantity, SelfTradePrevention.NONE);
        listener.clear();
        engine.onCommand(command);
        return command;
    }

    private Command replace(final long orderId, final long account, final String price, final long quantity)
    {
        command.replace(orderId, account, Prices.parse(price), quantity);
        listener.clear();
        engine.onCommand(command);
        return command;
    }

    private void cancel(final long orderId, final long account)
    {
        command.cancel(orderId, account);
        listener.clear();
        engine.onCommand(command);
    }

    private void assertEvents(final Command applied, final String... expected)
    {
        assertEquals(List.of(expected), listener.drain());
    }
}
