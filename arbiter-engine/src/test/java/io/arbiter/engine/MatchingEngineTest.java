package io.arbiter.engine;

import io.arbiter.engine.support.EngineMatcher;
import io.arbiter.engine.support.Matcher;
import io.arbiter.engine.support.RecordingExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.arbiter.engine.OrderType.LIMIT;
import static io.arbiter.engine.OrderType.MARKET;
import static io.arbiter.engine.SelfTradePrevention.CANCEL_BOTH;
import static io.arbiter.engine.SelfTradePrevention.CANCEL_MAKER;
import static io.arbiter.engine.SelfTradePrevention.CANCEL_TAKER;
import static io.arbiter.engine.SelfTradePrevention.NONE;
import static io.arbiter.engine.Side.BUY;
import static io.arbiter.engine.Side.SELL;
import static io.arbiter.engine.TimeInForce.FOK;
import static io.arbiter.engine.TimeInForce.GTC;
import static io.arbiter.engine.TimeInForce.IOC;
import static io.arbiter.engine.TimeInForce.POST_ONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Unit tests of the rules in {@code docs/engine-semantics.md}: each test asserts the exact event sequence. The same
 * tests run against the {@link io.arbiter.engine.support.ReferenceBook} (see {@code ReferenceBookTest}), so the oracle
 * of the differential test is held to the same rules.
 */
class MatchingEngineTest
{
    private static final long A = 1;
    private static final long B = 2;
    private static final long MAX_QUANTITY = 1_000_000;
    private static final long MAX_PRICE_TICKS = 100_000;

    private final RecordingExecutionListener listener = new RecordingExecutionListener();
    private final Command command = new Command();
    private Matcher matcher;
    private int abc;
    private int xyz;

    /**
     * @return how to build the implementation under test.
     */
    Matcher.Factory factory()
    {
        return EngineMatcher::new;
    }

    @BeforeEach
    void setUp()
    {
        matcher = newMatcher(listener);
        abc = matcher.addInstrument("ABC", Prices.parse("0.01"), 1).id();
        xyz = matcher.addInstrument("XYZ", Prices.parse("0.5"), 10).id();
    }

    // ---------------------------------------------------------------- order types and time in force

    @Test
    void shouldRestGtcLimitThatDoesNotCross()
    {
        assertEvents(gtc(1, A, BUY, "100", 10), "ACCEPTED,1");
        assertEvents(gtc(2, B, SELL, "100.01", 10), "ACCEPTED,2");
        assertEquals(2, matcher.openOrderCount());
        assertEquals(0, matcher.tradeCount());
    }

    @Test
    void shouldTradeGtcLimitAndRestItsRemainder()
    {
        rest(1, B, SELL, "100", 5);
        assertEvents(gtc(2, A, BUY, "100", 8), "ACCEPTED,2", "TRADE,0,100,5,1,2");
        assertEquals(1, matcher.openOrderCount());
        assertEvents(gtc(3, B, SELL, "100", 4), "ACCEPTED,3", "TRADE,0,100,3,2,3");
        assertEquals(1, matcher.openOrderCount());
    }

    @Test
    void shouldCancelIocRemainder()
    {
        rest(1, B, SELL, "100", 5);
        assertEvents(limit(2, A, BUY, IOC, "101", 8, NONE), "ACCEPTED,2", "TRADE,0,100,5,1,2", "CANCELED,2,3,IOC");
        assertEquals(0, matcher.openOrderCount());
    }

    @Test
    void shouldCancelIocThatDoesNotCrossWithoutTrading()
    {
        rest(1, B, SELL, "100", 5);
        assertEvents(limit(2, A, BUY, IOC, "99.99", 8, NONE), "ACCEPTED,2", "CANCELED,2,8,IOC");
        assertEquals(1, matcher.openOrderCount());
    }

    @Test
    void shouldNotCancelIocThatFillsCompletely()
    {
        rest(1, B, SELL, "100", 5);
        assertEvents(limit(2, A, BUY, IOC, "100", 5, NONE), "ACCEPTED,2", "TRADE,0,100,5,1,2");
        assertEquals(0, matcher.openOrderCount());
    }

    @Test
    void shouldMatchMarketIocWithoutPriceLimit()
    {
        rest(1, B, SELL, "100", 2);
        rest(2, B, SELL, "105", 2);
        rest(3, B, SELL, "900", 2);
        assertEvents(market(4, A, BUY, IOC, 5, NONE),
            "ACCEPTED,4", "TRADE,0,100,2,1,4", "TRADE,0,105,2,2,4", "TRADE,0,900,1,3,4");
        assertEvents(market(5, A, BUY, IOC, 10, NONE), "ACCEPTED,5", "TRADE,0,900,1,3,5", "CANCELED,5,9,IOC");
        assertEquals(0, matcher.openOrderCount());
    }

    @Test
    void shouldCancelMarketIocOnEmptySide()
    {
        rest(1, B, BUY, "100", 2);
        assertEvents(market(2, A, BUY, IOC, 3, NONE), "ACCEPTED,2", "CANCELED,2,3,IOC");
        assertEquals(1, matcher.openOrderCount());
    }

    @Test
    void shouldSellMarketIocFromBestBidDownward()
    {
        rest(1, B, BUY, "99", 1);
        rest(2, B, BUY, "101", 1);
        rest(3, B, BUY, "100", 1);
        assertEvents(market(4, A, SELL, IOC, 3, NONE),
            "ACCEPTED,4", "TRADE,0,101,1,2,4", "TRADE,0,100,1,3,4", "TRADE,0,99,1,1,4");
    }

    @Test
    void shouldFillMarketFokWhenTheWholeQuantityIsAvailable()
    {
        rest(1, B, SELL, "100", 2);
        rest(2, B, SELL, "200", 3);
        assertEvents(market(3, A, BUY, FOK, 5, NONE), "ACCEPTED,3", "TRADE,0,100,2,1,3", "TRADE,0,200,3,2,3");
        assertEquals(0, matcher.openOrderCount());
    }

    @Test
    void shouldKillMarketFokWhenTheWholeQuantityIsNotAvailable()
    {
        rest(1, B, SELL, "100", 2);
        rest(2, B, SELL, "200", 3);
        final long before = matcher.stateHash();
        assertEvents(market(3, A, BUY, FOK, 6, NONE), "ACCEPTED,3", "CANCELED,3,6,FOK");
        assertEquals(before, matcher.stateHash());
        assertEquals(2, matcher.openOrderCount());
    }

    @Test
    void shouldFillLimitFokAcrossSeveralLevels()
    {
        rest(1, B, SELL, "100", 3);
        rest(2, B, SELL, "100.01", 3);
        rest(3, B, SELL, "100.02", 3);
        assertEvents(limit(4, A, BUY, FOK, "100.01", 6, NONE),
            "ACCEPTED,4", "TRADE,0,100,3,1,4", "TRADE,0,100.01,3,2,4");
        assertEquals(1, matcher.openOrderCount());
    }

    @Test
    void shouldKillLimitFokWhenLiquidityWithinItsLimitIsShort()
    {
        rest(1, B, SELL, "100", 3);
        rest(2, B, SELL, "100.01", 3);
        rest(3, B, SELL, "100.02", 3);
        final long before = matcher.stateHash();
        assertEvents(limit(4, A, BUY, FOK, "100.01", 7, NONE), "ACCEPTED,4", "CANCELED,4,7,FOK");
        assertEquals(before, matcher.stateHash());
        assertEquals(0, matcher.tradeCount());
    }

    @Test
    void shouldFillSellLimitFokExactlyAtItsLimit()
    {
        rest(1, B, BUY, "100", 3);
        rest(2, B, BUY, "99", 3);
        assertEvents(limit(3, A, SELL, FOK, "99", 6, NONE), "ACCEPTED,3", "TRADE,0,100,3,1,3", "TRADE,0,99,3,2,3");
    }

    @Test
    void shouldRestPostOnlyThatDoesNotCross()
    {
        rest(1, B, SELL, "100", 3);
        assertEvents(limit(2, A, BUY, POST_ONLY, "99.99", 4, NONE), "ACCEPTED,2");
        assertEquals(2, matcher.openOrderCount());
        assertEvents(gtc(3, B, SELL, "99.99", 4), "ACCEPTED,3", "TRADE,0,99.99,4,2,3");
    }

    @Test
    void shouldCancelPostOnlyThatWouldCross()
    {
        rest(1, B, SELL, "100", 3);
        final long before = matcher.stateHash();
        assertEvents(limit(2, A, BUY, POST_ONLY, "100", 4, NONE), "ACCEPTED,2", "CANCELED,2,4,POST_ONLY");
        assertEvents(limit(3, A, BUY, POST_ONLY, "101", 4, CANCEL_MAKER), "ACCEPTED,3", "CANCELED,3,4,POST_ONLY");
        assertEquals(before, matcher.stateHash());
    }

    @Test
    void shouldCancelPostOnlyThatWouldCrossItsOwnAccount()
    {
        rest(1, A, BUY, "100", 3);
        final long before = matcher.stateHash();
        assertEvents(limit(2, A, SELL, POST_ONLY, "100", 4, CANCEL_MAKER), "ACCEPTED,2", "CANCELED,2,4,POST_ONLY");
        assertEvents(limit(3, A, SELL, POST_ONLY, "99", 4, CANCEL_BOTH), "ACCEPTED,3", "CANCELED,3,4,POST_ONLY");
        assertEquals(before, matcher.stateHash());
    }

    // ---------------------------------------------------------------- price-time priority

    @Test
    void shouldFillFifoWithinAPriceLevel()
    {
        rest(1, B, SELL, "100", 2);
        rest(2, A, SELL, "100", 2);
        rest(3, B, SELL, "100", 2);
        assertEvents(gtc(4, A + 2, BUY, "100", 5),
            "ACCEPTED,4", "TRADE,0,100,2,1,4", "TRADE,0,100,2,2,4", "TRADE,0,100,1,3,4");
        assertEvents(gtc(5, A + 2, BUY, "100", 5), "ACCEPTED,5", "TRADE,0,100,1,3,5");
    }

    @Test
    void shouldFillBetterPriceFirst()
    {
        rest(1, B, SELL, "100.02", 1);
        rest(2, B, SELL, "100", 2);
        rest(3, B, SELL, "100.01", 3);
        assertEvents(gtc(4, A, BUY, "100.02", 10),
            "ACCEPTED,4", "TRADE,0,100,2,2,4", "TRADE,0,100.01,3,3,4", "TRADE,0,100.02,1,1,4");
        assertEquals(1, matcher.openOrderCount());
    }

    @Test
    void shouldTradeAtTheMakerPrice()
    {
        rest(1, B, BUY, "101", 1);
        assertEvents(gtc(2, A, SELL, "99", 1), "ACCEPTED,2", "TRADE,0,101,1,1,2");
        rest(3, B, SELL, "100", 1);
        assertEvents(gtc(4, A, BUY, "105", 1), "ACCEPTED,4", "TRADE,0,100,1,3,4");
    }

    @Test
    void shouldKeepBooksOfInstrumentsApart()
    {
        assertEvents(newOrder(1, B, xyz, SELL, LIMIT, GTC, "100", 10, NONE), "ACCEPTED,1");
        assertEvents(gtc(2, A, BUY, "100", 10), "ACCEPTED,2");
        assertEvents(newOrder(3, A, xyz, BUY, LIMIT, GTC, "100.5", 20, NONE), "ACCEPTED,3", "TRADE,1,100,10,1,3");
        assertEquals(2, matcher.openOrderCount());
    }

    @Test
    void shouldReportTradeIdsTakerSideAccountsAndLeaves()
    {
        rest(1, B, SELL, "100", 2);
        rest(2, B + 1, SELL, "100.01", 5);
        assertEquals(0, matcher.tradeCount());
        send(command.newOrder(3, A, abc, BUY, LIMIT, GTC, Prices.parse("100.01"), 4, NONE));
        assertEquals(List.of(
            "ACCEPTED,3,acct=1",
            "TRADE,0,100,2,1,3,tradeId=1,takerSide=BUY,makerAcct=2,makerLeaves=0,takerAcct=1,takerLeaves=2",
            "TRADE,0,100.01,2,2,3,tradeId=2,takerSide=BUY,makerAcct=3,makerLeaves=3,takerAcct=1,takerLeaves=0"),
            listener.fullEvents());
        listener.clear();
        send(command.newOrder(4, A, abc, SELL, LIMIT, IOC, Prices.parse("100"), 1, NONE));
        assertEquals(List.of("ACCEPTED,4,acct=1", "CANCELED,4,1,IOC,acct=1"), listener.fullEvents());
        assertEquals(2, matcher.tradeCount());
    }

    // ---------------------------------------------------------------- self-trade prevention

    @Test
    void shouldTradeWithOwnAccountUnderStpNone()
    {
        rest(1, A, SELL, "100", 2);
        assertEvents(limit(2, A, BUY, GTC, "100", 2, NONE), "ACCEPTED,2", "TRADE,0,100,2,1,2");
    }

    @Test
    void shouldCancelTakerAndStopUnderCancelTaker()
    {
        ownOrderBetweenOthers();
        assertEvents(limit(4, A, BUY, GTC, "100", 6, CANCEL_TAKER),
            "ACCEPTED,4", "TRADE,0,100,2,1,4", "CANCELED,4,4,SELF_TRADE");
        assertEquals(2, matcher.openOrderCount());
        assertEvents(gtc(5, B, BUY, "100", 4), "ACCEPTED,5", "TRADE,0,100,2,2,5", "TRADE,0,100,2,3,5");
    }

    @Test
    void shouldCancelMakerAndContinueUnderCancelMaker()
    {
        ownOrderBetweenOthers();
        assertEvents(limit(4, A, BUY, GTC, "100", 6, CANCEL_MAKER),
            "ACCEPTED,4", "TRADE,0,100,2,1,4", "CANCELED,2,2,SELF_TRADE", "TRADE,0,100,2,3,4");
        assertEquals(1, matcher.openOrderCount());
        assertEvents(gtc(5, B, SELL, "100", 3), "ACCEPTED,5", "TRADE,0,100,2,4,5");
    }

    @Test
    void shouldCancelMakerThenTakerUnderCancelBoth()
    {
        ownOrderBetweenOthers();
        assertEvents(limit(4, A, BUY, GTC, "100", 6, CANCEL_BOTH),
            "ACCEPTED,4", "TRADE,0,100,2,1,4", "CANCELED,2,2,SELF_TRADE", "CANCELED,4,4,SELF_TRADE");
        assertEquals(1, matcher.openOrderCount());
    }

    @Test
    void shouldCancelIocTakerWithSelfTradeReasonNotIoc()
    {
        ownOrderBetweenOthers();
        assertEvents(limit(4, A, BUY, IOC, "100", 6, CANCEL_TAKER),
            "ACCEPTED,4", "TRADE,0,100,2,1,4", "CANCELED,4,4,SELF_TRADE");
        assertEvents(market(5, A, BUY, IOC, 6, CANCEL_BOTH), "ACCEPTED,5", "CANCELED,2,2,SELF_TRADE",
            "CANCELED,5,6,SELF_TRADE");
    }

    @Test
    void shouldCancelMakerOnlyWhenStpModeIsTheTakers()
    {
        final Command resting =
            new Command().newOrder(1, A, abc, SELL, LIMIT, GTC, Prices.parse("100"), 2, CANCEL_BOTH);
        assertEvents(send(resting), "ACCEPTED,1");
        assertEvents(limit(2, A, BUY, GTC, "100", 2, NONE), "ACCEPTED,2", "TRADE,0,100,2,1,2");
    }

    @Test
    void shouldSkipOwnOrderInFokCheckUnderCancelMaker()
    {
        ownOrderBetweenOthers();
        final long before = matcher.stateHash();
        assertEvents(limit(4, A, BUY, FOK, "100", 5, CANCEL_MAKER), "ACCEPTED,4", "CANCELED,4,5,FOK");
        assertEquals(before, matcher.stateHash());
        assertEvents(limit(5, A, BUY, FOK, "100", 4, CANCEL_MAKER),
            "ACCEPTED,5", "TRADE,0,100,2,1,5", "CANCELED,2,2,SELF_TRADE", "TRADE,0,100,2,3,5");
        assertEquals(0, matcher.openOrderCount());
    }

    @Test
    void shouldEndFokCheckAtOwnOrderUnderCancelTakerAndCancelBoth()
    {
        ownOrderBetweenOthers();
        final long before = matcher.stateHash();
        assertEvents(limit(4, A, BUY, FOK, "100", 3, CANCEL_TAKER), "ACCEPTED,4", "CANCELED,4,3,FOK");
        assertEvents(market(5, A, BUY, FOK, 3, CANCEL_BOTH), "ACCEPTED,5", "CANCELED,5,3,FOK");
        assertEquals(before, matcher.stateHash());
        assertEvents(limit(6, A, BUY, FOK, "100", 2, CANCEL_TAKER), "ACCEPTED,6", "TRADE,0,100,2,1,6");
        assertEvents(market(7, A, BUY, FOK, 1, CANCEL_BOTH), "ACCEPTED,7", "CANCELED,7,1,FOK");
        assertEvents(market(8, A, BUY, IOC, 1, CANCEL_BOTH), "ACCEPTED,8", "CANCELED,2,2,SELF_TRADE",
            "CANCELED,8,1,SELF_TRADE");
    }

    @Test
    void shouldCountOwnOrderInFokCheckUnderStpNone()
    {
        ownOrderBetweenOthers();
        assertEvents(limit(4, A, BUY, FOK, "100", 6, NONE),
            "ACCEPTED,4", "TRADE,0,100,2,1,4", "TRADE,0,100,2,2,4", "TRADE,0,100,2,3,4");
    }

    // ---------------------------------------------------------------- replace

    @Test
    void shouldKeepPriorityOnQuantityDecrease()
    {
        rest(1, B, SELL, "100", 5);
        rest(2, B, SELL, "100", 5);
        assertEvents(replace(1, B, "100", 3), "REPLACED,1,100,3");
        assertEvents(gtc(3, A, BUY, "100", 4), "ACCEPTED,3", "TRADE,0,100,3,1,3", "TRADE,0,100,1,2,3");
    }

    @Test
    void shouldKeepPriorityOnReplaceWithSamePriceAndQuantity()
    {
        rest(1, B, SELL, "100", 5);
        rest(2, B, SELL, "100", 5);
        final long before = matcher.stateHash();
        assertEvents(replace(1, B, "100", 5), "REPLACED,1,100,5");
        assertEquals(before, matcher.stateHash());
        assertEvents(gtc(3, A, BUY, "100", 6), "ACCEPTED,3", "TRADE,0,100,5,1,3", "TRADE,0,100,1,2,3");
    }

    @Test
    void shouldCompareReplaceQuantityWithRemainingNotOriginalQuantity()
    {
        rest(1, B, SELL, "100", 5);
        rest(2, B, SELL, "100", 5);
        assertEvents(gtc(3, A, BUY, "100", 2), "ACCEPTED,3", "TRADE,0,100,2,1,3");
        assertEvents(replace(1, B, "100", 4), "REPLACED,1,100,4");
        assertEvents(gtc(4, A, BUY, "100", 5), "ACCEPTED,4", "TRADE,0,100,5,2,4");
    }

    @Test
    void shouldLosePriorityOnQuantityIncrease()
    {
        rest(1, B, SELL, "100", 5);
        rest(2, B, SELL, "100", 5);
        assertEvents(replace(1, B, "100", 6), "REPLACED,1,100,6");
        assertEvents(gtc(3, A, BUY, "100", 7), "ACCEPTED,3", "TRADE,0,100,5,2,3", "TRADE,0,100,2,1,3");
    }

    @Test
    void shouldLosePriorityOnPriceChange()
    {
        rest(1, B, SELL, "100", 5);
        rest(2, B, SELL, "100.01", 5);
        assertEvents(replace(1, B, "100.01", 5), "REPLACED,1,100.01,5");
        assertEvents(gtc(3, A, BUY, "100.01", 6), "ACCEPTED,3", "TRADE,0,100.01,5,2,3", "TRADE,0,100.01,1,1,3");
    }

    @Test
    void shouldLosePriorityOnPriceChangeEvenWithSmallerQuantity()
    {
        rest(1, B, BUY, "100", 5);
        rest(2, B, BUY, "99", 5);
        assertEvents(replace(1, B, "99", 1), "REPLACED,1,99,1");
        assertEvents(gtc(3, A, SELL, "99", 6), "ACCEPTED,3", "TRADE,0,99,5,2,3", "TRADE,0,99,1,1,3");
    }

    @Test
    void shouldTradeWhenReplaceCrosses()
    {
        rest(1, A, BUY, "99", 5);
        rest(2, B, SELL, "100", 3);
        assertEvents(replace(1, A, "100.5", 5), "REPLACED,1,100.5,5", "TRADE,0,100,3,2,1");
        assertEquals(1, matcher.openOrderCount());
        assertEvents(gtc(3, B, SELL, "100.5", 9), "ACCEPTED,3", "TRADE,0,100.5,2,1,3");
    }

    @Test
    void shouldApplyStpOfReplacedOrderWhenItCrosses()
    {
        assertEvents(limit(1, A, BUY, GTC, "99", 5, CANCEL_TAKER), "ACCEPTED,1");
        rest(2, A, SELL, "100", 3);
        assertEvents(replace(1, A, "100", 4), "REPLACED,1,100,4", "CANCELED,1,4,SELF_TRADE");
        assertEquals(1, matcher.openOrderCount());
    }

    @Test
    void shouldCancelPostOnlyReplaceThatWouldCross()
    {
        assertEvents(limit(1, A, BUY, POST_ONLY, "99", 5, NONE), "ACCEPTED,1");
        rest(2, B, SELL, "100", 3);
        assertEvents(replace(1, A, "100", 5), "REPLACED,1,100,5", "CANCELED,1,5,POST_ONLY");
        assertEquals(1, matcher.openOrderCount());
        assertEvents(cancel(1, A), "REJECTED,1,UNKNOWN_ORDER");
    }

    @Test
    void shouldRestPostOnlyReplaceThatDoesNotCrossAtTheBack()
    {
        assertEvents(limit(1, A, BUY, POST_ONLY, "98", 5, NONE), "ACCEPTED,1");
        rest(2, B, BUY, "99", 3);
        rest(3, B, SELL, "100", 3);
        assertEvents(replace(1, A, "99", 5), "REPLACED,1,99,5");
        assertEvents(market(4, B + 1, SELL, 4), "ACCEPTED,4", "TRADE,0,99,3,2,4", "TRADE,0,99,1,1,4");
    }

    @Test
    void shouldRejectReplaceByWrongAccountOrOfUnknownOrder()
    {
        rest(1, A, BUY, "99", 5);
        final long before = matcher.stateHash();
        assertEvents(replace(1, B, "99", 4), "REJECTED,1,UNKNOWN_ORDER");
        assertEvents(replace(7, A, "99", 4), "REJECTED,7,UNKNOWN_ORDER");
        assertEquals(before, matcher.stateHash());
        send(command.replace(1, B, Prices.parse("99"), 4));
        assertEquals(List.of("REJECTED,1,UNKNOWN_ORDER,type=REPLACE,acct=2"), listener.fullEvents());
    }

    @Test
    void shouldRejectReplaceOfFinishedOrder()
    {
        rest(1, A, BUY, "99", 5);
        assertEvents(gtc(2, B, SELL, "99", 5), "ACCEPTED,2", "TRADE,0,99,5,1,2");
        assertEvents(replace(1, A, "99", 4), "REJECTED,1,UNKNOWN_ORDER");
        rest(3, A, BUY, "99", 5);
        assertEvents(cancel(3, A), "CANCELED,3,5,USER");
        assertEvents(replace(3, A, "99", 4), "REJECTED,3,UNKNOWN_ORDER");
    }

    @Test
    void shouldValidateReplaceInOrder()
    {
        assertEvents(newOrder(1, A, xyz, BUY, LIMIT, GTC, "100", 50, NONE), "ACCEPTED,1");
        final long before = matcher.stateHash();
        assertEvents(replace(1, B, "100.25", 15), "REJECTED,1,UNKNOWN_ORDER");
        assertEvents(replace(1, A, "100.25", 15), "REJECTED,1,INVALID_QTY");
        assertEvents(replace(1, A, "100", 0), "REJECTED,1,INVALID_QTY");
        assertEvents(replace(1, A, "100", -10), "REJECTED,1,INVALID_QTY");
        assertEvents(replace(1, A, "100", MAX_QUANTITY + 10), "REJECTED,1,INVALID_QTY");
        assertEvents(replace(1, A, "100.25", 20), "REJECTED,1,INVALID_PRICE");
        assertEvents(replace(1, A, "0", 20), "REJECTED,1,INVALID_PRICE");
        assertEvents(replace(1, A, "-100", 20), "REJECTED,1,INVALID_PRICE");
        assertEvents(replace(1, A, null, 20), "REJECTED,1,INVALID_PRICE");
        assertEvents(replace(1, A, "50000.5", 20), "REJECTED,1,INVALID_PRICE");
        assertEquals(before, matcher.stateHash());
        assertEvents(replace(1, A, "50000", 20), "REPLACED,1,50000,20");
    }

    // ---------------------------------------------------------------- cancel

    @Test
    void shouldCancelRemainderOfOpenOrderForItsOwner()
    {
        rest(1, A, BUY, "99", 5);
        assertEvents(gtc(2, B, SELL, "99", 2), "ACCEPTED,2", "TRADE,0,99,2,1,2");
        assertEvents(cancel(1, A), "CANCELED,1,3,USER");
        assertEquals(0, matcher.openOrderCount());
        assertEvents(gtc(3, B, SELL, "99", 2), "ACCEPTED,3");
    }

    @Test
    void shouldRejectCancelByOtherAccountOrOfUnknownOrFinishedOrder()
    {
        rest(1, A, BUY, "99", 5);
        final long before = matcher.stateHash();
        assertEvents(cancel(1, B), "REJECTED,1,UNKNOWN_ORDER");
        assertEvents(cancel(2, A), "REJECTED,2,UNKNOWN_ORDER");
        assertEquals(before, matcher.stateHash());
        assertEvents(cancel(1, A), "CANCELED,1,5,USER");
        assertEvents(cancel(1, A), "REJECTED,1,UNKNOWN_ORDER");
        assertEvents(limit(3, A, BUY, IOC, "99", 5, NONE), "ACCEPTED,3", "CANCELED,3,5,IOC");
        assertEvents(cancel(3, A), "REJECTED,3,UNKNOWN_ORDER");
        send(command.cancel(1, B));
        assertEquals(List.of("REJECTED,1,UNKNOWN_ORDER,type=CANCEL,acct=2"), listener.fullEvents());
    }

    // ---------------------------------------------------------------- validation

    @Test
    void shouldRejectUnknownSymbol()
    {
        assertEvents(newOrder(1, A, -1, BUY, LIMIT, GTC, "100", 1, NONE), "REJECTED,1,UNKNOWN_SYMBOL");
        assertEvents(newOrder(1, A, 2, BUY, LIMIT, GTC, "100", 1, NONE), "REJECTED,1,UNKNOWN_SYMBOL");
        assertEvents(newOrder(1, A, Integer.MAX_VALUE, BUY, LIMIT, GTC, "100", 1, NONE), "REJECTED,1,UNKNOWN_SYMBOL");
        send(command.newOrder(1, A, 2, BUY, LIMIT, GTC, Prices.parse("100"), 1, NONE));
        assertEquals(List.of("REJECTED,1,UNKNOWN_SYMBOL,type=NEW,acct=1"), listener.fullEvents());
    }

    @Test
    void shouldRejectMarketOrderWithGtcOrPostOnly()
    {
        assertEvents(market(1, A, BUY, GTC, 1, NONE), "REJECTED,1,INVALID_TIF");
        assertEvents(market(1, A, SELL, POST_ONLY, 1, NONE), "REJECTED,1,INVALID_TIF");
    }

    @Test
    void shouldRejectInvalidQuantity()
    {
        assertEvents(gtc(1, A, BUY, "100", 0), "REJECTED,1,INVALID_QTY");
        assertEvents(gtc(1, A, BUY, "100", -1), "REJECTED,1,INVALID_QTY");
        assertEvents(gtc(1, A, BUY, "100", Long.MIN_VALUE), "REJECTED,1,INVALID_QTY");
        assertEvents(gtc(1, A, BUY, "100", MAX_QUANTITY + 1), "REJECTED,1,INVALID_QTY");
        assertEvents(newOrder(1, A, xyz, BUY, LIMIT, GTC, "100", 15, NONE), "REJECTED,1,INVALID_QTY");
        assertEvents(market(1, A, BUY, IOC, 0, NONE), "REJECTED,1,INVALID_QTY");
        assertEvents(gtc(1, A, BUY, "100", MAX_QUANTITY), "ACCEPTED,1");
    }

    @Test
    void shouldRejectInvalidPrice()
    {
        assertEvents(gtc(1, A, BUY, null, 1), "REJECTED,1,INVALID_PRICE");
        assertEvents(gtc(1, A, BUY, "0", 1), "REJECTED,1,INVALID_PRICE");
        assertEvents(gtc(1, A, BUY, "-100", 1), "REJECTED,1,INVALID_PRICE");
        assertEvents(gtc(1, A, BUY, "100.001", 1), "REJECTED,1,INVALID_PRICE");
        assertEvents(gtc(1, A, BUY, "1000.01", 1), "REJECTED,1,INVALID_PRICE");
        assertEvents(newOrder(1, A, xyz, SELL, LIMIT, GTC, "100.1", 10, NONE), "REJECTED,1,INVALID_PRICE");
        assertEvents(newOrder(1, A, abc, BUY, MARKET, IOC, "100", 1, NONE), "REJECTED,1,INVALID_PRICE");
        assertEvents(newOrder(1, A, abc, BUY, MARKET, FOK, "0", 1, NONE), "REJECTED,1,INVALID_PRICE");
        assertEvents(gtc(1, A, BUY, "1000", 1), "ACCEPTED,1");
        assertEvents(gtc(2, A, SELL, "0.01", 1), "ACCEPTED,2", "TRADE,0,1000,1,1,2");
    }

    @Test
    void shouldRejectDuplicateIdOfAnOpenOrderInAnyBook()
    {
        rest(1, A, BUY, "99", 5);
        final long before = matcher.stateHash();
        assertEvents(gtc(1, A, BUY, "98", 5), "REJECTED,1,DUPLICATE_ORDER_ID");
        assertEvents(newOrder(1, B, xyz, SELL, MARKET, IOC, null, 10, NONE), "REJECTED,1,DUPLICATE_ORDER_ID");
        assertEquals(before, matcher.stateHash());
    }

    @Test
    void shouldRejectDuplicateIdBelowTheHighestIdAndAcceptIdsNotOpen()
    {
        rest(50, A, BUY, "99", 5);
        rest(7, A, BUY, "98", 5);
        assertEvents(gtc(7, B, BUY, "97", 5), "REJECTED,7,DUPLICATE_ORDER_ID");
        assertEvents(gtc(-3, B, BUY, "97", 5), "ACCEPTED,-3");
        assertEvents(gtc(-3, B, BUY, "96", 5), "REJECTED,-3,DUPLICATE_ORDER_ID");
        assertEvents(gtc(8, B, BUY, "97", 5), "ACCEPTED,8");
        assertEvents(cancel(7, A), "CANCELED,7,5,USER");
        assertEvents(gtc(7, B, BUY, "97", 5), "ACCEPTED,7");
    }

    @Test
    void shouldApplyValidationChecksInOrder()
    {
        rest(1, A, BUY, "99", 5);
        assertEvents(newOrder(1, A, 9, BUY, MARKET, GTC, "100.001", 0, NONE), "REJECTED,1,UNKNOWN_SYMBOL");
        assertEvents(newOrder(1, A, abc, BUY, MARKET, POST_ONLY, "100.001", 0, NONE), "REJECTED,1,INVALID_TIF");
        assertEvents(newOrder(1, A, abc, BUY, LIMIT, GTC, "100.001", 0, NONE), "REJECTED,1,INVALID_QTY");
        assertEvents(newOrder(1, A, abc, BUY, MARKET, IOC, "100", 1, NONE), "REJECTED,1,INVALID_PRICE");
        assertEvents(newOrder(1, A, abc, BUY, LIMIT, GTC, "100.001", 1, NONE), "REJECTED,1,INVALID_PRICE");
        assertEvents(newOrder(1, A, abc, BUY, LIMIT, GTC, "100", 1, NONE), "REJECTED,1,DUPLICATE_ORDER_ID");
    }

    @Test
    void shouldChangeNothingOnRejectedCommands()
    {
        rest(1, A, BUY, "99", 5);
        rest(2, B, SELL, "100", 5);
        final long before = matcher.stateHash();
        assertEvents(gtc(3, A, BUY, "100", 0), "REJECTED,3,INVALID_QTY");
        assertEvents(market(3, A, BUY, GTC, 5, NONE), "REJECTED,3,INVALID_TIF");
        assertEvents(gtc(2, A, BUY, "100", 5), "REJECTED,2,DUPLICATE_ORDER_ID");
        assertEvents(cancel(1, B), "REJECTED,1,UNKNOWN_ORDER");
        assertEvents(replace(2, A, "99", 5), "REJECTED,2,UNKNOWN_ORDER");
        assertEvents(replace(2, B, "99.999", 7), "REJECTED,2,INVALID_PRICE");
        assertEquals(before, matcher.stateHash());
        assertEquals(2, matcher.openOrderCount());
        assertEquals(0, matcher.tradeCount());
    }

    @Test
    void shouldAcceptReuseOfFinishedOrderIds()
    {
        rest(1, A, BUY, "99", 5);
        assertEvents(gtc(2, B, SELL, "99", 5), "ACCEPTED,2", "TRADE,0,99,5,1,2");
        assertEvents(gtc(1, A, BUY, "98", 5), "ACCEPTED,1");
        assertEvents(cancel(1, A), "CANCELED,1,5,USER");
        assertEvents(gtc(1, B, SELL, "101", 5), "ACCEPTED,1");
        assertEvents(market(3, A, BUY, FOK, 6, NONE), "ACCEPTED,3", "CANCELED,3,6,FOK");
        assertEvents(market(3, A, BUY, IOC, 1, NONE), "ACCEPTED,3", "TRADE,0,101,1,1,3");
        assertEvents(newOrder(3, A, xyz, BUY, LIMIT, GTC, "100", 10, NONE), "ACCEPTED,3");
    }

    // ---------------------------------------------------------------- state hash, instruments, pools

    @Test
    void shouldHashBooksInCanonicalOrder()
    {
        rest(1, A, BUY, "99", 5);
        rest(2, B, BUY, "100", 3);
        rest(3, A, BUY, "99", 2);
        rest(4, B, SELL, "101", 4);
        assertEvents(limit(5, A, SELL, POST_ONLY, "100.5", 6, CANCEL_BOTH), "ACCEPTED,5");
        assertEvents(newOrder(6, B, xyz, SELL, LIMIT, GTC, "7.5", 30, CANCEL_MAKER), "ACCEPTED,6");
        assertEvents(gtc(7, B, SELL, "100", 1), "ACCEPTED,7", "TRADE,0,100,1,2,7");

        final long expected = new StateHash()
            .instrument(abc)
            .instrumentState(false, false, 0, Prices.parse("100"))
            .side(BUY)
            .order(2, B, Prices.parse("100"), 2, 0, 0, GTC, NONE, Command.NO_TIME, 2)
            .order(1, A, Prices.parse("99"), 5, 0, 0, GTC, NONE, Command.NO_TIME, 1)
            .order(3, A, Prices.parse("99"), 2, 0, 0, GTC, NONE, Command.NO_TIME, 3)
            .side(SELL)
            .order(5, A, Prices.parse("100.5"), 6, 0, 0, POST_ONLY, CANCEL_BOTH, Command.NO_TIME, 5)
            .order(4, B, Prices.parse("101"), 4, 0, 0, GTC, NONE, Command.NO_TIME, 4)
            .instrument(xyz)
            .instrumentState(false, false, 0, Prices.NULL_PRICE)
            .side(BUY)
            .side(SELL)
            .order(6, B, Prices.parse("7.5"), 30, 0, 0, GTC, CANCEL_MAKER, Command.NO_TIME, 6)
            .counters(1, 0, 6)
            .value();
        assertEquals(expected, matcher.stateHash());
    }

    @Test
    void shouldHashEqualBooksEqually()
    {
        final Matcher other = newMatcher(new RecordingExecutionListener());
        other.addInstrument("ABC", Prices.parse("0.01"), 1);
        other.addInstrument("XYZ", Prices.parse("0.5"), 10);
        assertEquals(other.stateHash(), matcher.stateHash());

        rest(1, A, BUY, "99", 5);
        rest(2, B, SELL, "101", 5);
        other.onCommand(new Command().newOrder(1, A, abc, BUY, LIMIT, GTC, Prices.parse("98"), 9, NONE));
        other.onCommand(new Command().newOrder(2, B, abc, SELL, LIMIT, GTC, Prices.parse("101"), 5, NONE));
        other.onCommand(new Command().replace(1, A, Prices.parse("99"), 5));
        assertEquals(other.stateHash(), matcher.stateHash());
    }

    @Test
    void shouldHashDifferentBooksDifferently()
    {
        final long empty = matcher.stateHash();
        rest(1, A, BUY, "99", 5);
        final long one = matcher.stateHash();
        assertNotEquals(empty, one);
        rest(2, A, BUY, "99", 5);
        final long two = matcher.stateHash();
        assertNotEquals(one, two);

        final Matcher swapped = newMatcher(new RecordingExecutionListener());
        swapped.addInstrument("ABC", Prices.parse("0.01"), 1);
        swapped.addInstrument("XYZ", Prices.parse("0.5"), 10);
        swapped.onCommand(new Command().newOrder(2, A, abc, BUY, LIMIT, GTC, Prices.parse("99"), 5, NONE));
        swapped.onCommand(new Command().newOrder(1, A, abc, BUY, LIMIT, GTC, Prices.parse("99"), 5, NONE));
        assertNotEquals(two, swapped.stateHash());

        assertEvents(replace(2, A, "99", 4), "REPLACED,2,99,4");
        final long smaller = matcher.stateHash();
        assertNotEquals(two, smaller);
        assertEvents(gtc(3, B, SELL, "99", 4), "ACCEPTED,3", "TRADE,0,99,4,1,3");
        assertEvents(gtc(4, A, BUY, "99", 1), "ACCEPTED,4");
        assertEvents(cancel(4, A), "CANCELED,4,1,USER");
        final long afterTrade = matcher.stateHash();
        assertEvents(replace(1, A, "99", 1), "REPLACED,1,99,1");
        assertEvents(replace(2, A, "99", 4), "REPLACED,2,99,4");
        assertNotEquals(afterTrade, smaller);
        assertEquals(afterTrade, matcher.stateHash());
    }

    @Test
    void shouldRejectBadInstrumentDefinitions()
    {
        assertThrows(IllegalArgumentException.class, () -> matcher.addInstrument("ABC", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> matcher.addInstrument("Q1", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> matcher.addInstrument("Q2", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> matcher.addInstrument("Q3", -1, 1));
        assertEquals(2, matcher.addInstrument("Q4", 1, 1).id());
    }

    @Test
    void shouldGrowPoolsBeyondTheirInitialSize()
    {
        final Matcher small = factory().create(new EngineContext().orderPoolSize(1).levelPoolSize(1), listener);
        final int id = small.addInstrument("ABC", Prices.parse("0.01"), 1).id();
        for (int i = 1; i <= 200; i++)
        {
            final long price = Prices.parse("100") + (i % 50) * Prices.parse("0.01");
            small.onCommand(command.newOrder(i, A, id, SELL, LIMIT, GTC, price, 1, NONE));
        }
        assertEquals(200, small.openOrderCount());
        listener.clear();
        small.onCommand(command.newOrder(1000, B, id, BUY, MARKET, IOC, Prices.NULL_PRICE, 5, NONE));
        assertEvents(listener.drain(), "ACCEPTED,1000", "TRADE,0,100,1,50,1000", "TRADE,0,100,1,100,1000",
            "TRADE,0,100,1,150,1000", "TRADE,0,100,1,200,1000", "TRADE,0,100.01,1,1,1000");
        assertEquals(195, small.openOrderCount());
    }

    // ---------------------------------------------------------------- helpers

    private Matcher newMatcher(final ExecutionListener eventListener)
    {
        return factory().create(
            new EngineContext().maxQuantity(MAX_QUANTITY).maxPriceTicks(MAX_PRICE_TICKS), eventListener);
    }

    private void ownOrderBetweenOthers()
    {
        rest(1, B, SELL, "100", 2);
        rest(2, A, SELL, "100", 2);
        rest(3, B, SELL, "100", 2);
    }

    private void rest(final long orderId, final long account, final Side side, final String price, final long qty)
    {
        assertEvents(gtc(orderId, account, side, price, qty), "ACCEPTED," + orderId);
    }

    private List<String> gtc(
        final long orderId, final long account, final Side side, final String price, final long qty)
    {
        return limit(orderId, account, side, GTC, price, qty, NONE);
    }

    private List<String> limit(
        final long orderId,
        final long account,
        final Side side,
        final TimeInForce tif,
        final String price,
        final long qty,
        final SelfTradePrevention stp)
    {
        return newOrder(orderId, account, abc, side, LIMIT, tif, price, qty, stp);
    }

    private List<String> market(final long orderId, final long account, final Side side, final long qty)
    {
        return market(orderId, account, side, IOC, qty, NONE);
    }

    private List<String> market(
        final long orderId,
        final long account,
        final Side side,
        final TimeInForce tif,
        final long qty,
        final SelfTradePrevention stp)
    {
        return newOrder(orderId, account, abc, side, MARKET, tif, null, qty, stp);
    }

    private List<String> newOrder(
        final long orderId,
        final long account,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final TimeInForce tif,
        final String price,
        final long qty,
        final SelfTradePrevention stp)
    {
        return send(command.newOrder(orderId, account, instrumentId, side, type, tif, price(price), qty, stp));
    }

    private List<String> cancel(final long orderId, final long account)
    {
        return send(command.cancel(orderId, account));
    }

    private List<String> replace(final long orderId, final long account, final String price, final long qty)
    {
        return send(command.replace(orderId, account, price(price), qty));
    }

    private List<String> send(final Command toSend)
    {
        listener.clear();
        matcher.onCommand(toSend);
        return List.copyOf(listener.events());
    }

    private static long price(final String price)
    {
        return null == price ? Prices.NULL_PRICE : Prices.parse(price);
    }

    private static void assertEvents(final List<String> actual, final String... expected)
    {
        assertEquals(List.of(expected), actual);
    }
}
