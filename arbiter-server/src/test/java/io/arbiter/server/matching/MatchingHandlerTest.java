package io.arbiter.server.matching;

import io.arbiter.engine.EngineContext;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.EventKind;
import io.arbiter.server.sequencer.SessionQuery;
import io.arbiter.server.sequencer.SessionRegistration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatchingHandlerTest
{
    private static final long PX_100 = 100 * Prices.UNIT;
    private static final long PX_101 = 101 * Prices.UNIT;

    private final RecordingEgress egressA = new RecordingEgress();
    private final RecordingEgress egressB = new RecordingEgress();
    private final RecordingEgress egressC = new RecordingEgress();
    private final CommandEvent event = new CommandEvent();
    private MatchingHandler handler;
    private long sequence;

    @BeforeEach
    void setUp()
    {
        handler = new MatchingHandler(new EngineContext().orderPoolSize(256).levelPoolSize(64), 3, true, () -> 42L);
        handler.engine().addInstrument("BTC-USD", Prices.UNIT / 100, 1);
        open(1, 10, egressA, true);
        open(2, 20, egressB, true);
        open(3, 30, egressC, true);
    }

    private void open(final long sessionId, final long account, final RecordingEgress egress, final boolean end)
    {
        event.kind(EventKind.SESSION_OPENED).sessionId(sessionId)
            .registration(new SessionRegistration(sessionId, account, egress));
        handler.onEvent(event, sequence++, end);
    }

    private long limit(
        final long sessionId, final long clientId, final Side side, final long price, final long qty, final boolean end)
    {
        event.kind(EventKind.ENGINE_COMMAND).sessionId(sessionId).clientOrderId(clientId).registration(null);
        event.command().newOrder(
            0, 0, 0, side, OrderType.LIMIT, TimeInForce.GTC, price, qty, SelfTradePrevention.NONE);
        handler.onEvent(event, sequence++, end);
        return handler.journal().lastSequence();
    }

    private void cancel(final long sessionId, final long clientId)
    {
        event.kind(EventKind.ENGINE_COMMAND).sessionId(sessionId).clientOrderId(clientId).registration(null);
        event.command().cancel(0, 0);
        handler.onEvent(event, sequence++, true);
    }

    private void close(final long sessionId)
    {
        event.kind(EventKind.SESSION_CLOSED).sessionId(sessionId).registration(null);
        handler.onEvent(event, sequence++, true);
    }

    private void query(final long sessionId, final SessionQuery.Type type, final long requestId, final int instrument)
    {
        query(sessionId, type, requestId, instrument, 0);
    }

    private void query(
        final long sessionId, final SessionQuery.Type type, final long requestId, final int instrument,
        final long afterOrderId)
    {
        event.kind(EventKind.QUERY).sessionId(sessionId).clientOrderId(requestId).registration(null).query(type);
        event.command().instrumentId(instrument).orderId(afterOrderId);
        handler.onEvent(event, sequence++, true);
    }

    private void stopMarket(final long sessionId, final long clientId, final Side side, final long stop, final long qty)
    {
        event.kind(EventKind.ENGINE_COMMAND).sessionId(sessionId).clientOrderId(clientId).registration(null);
        event.command().newOrder(0, 0, 0, side, OrderType.STOP_MARKET, TimeInForce.IOC, Prices.NULL_PRICE, qty,
            SelfTradePrevention.NONE).stopPrice(stop);
        handler.onEvent(event, sequence++, true);
    }

    private void massCancel(final long sessionId, final long requestId, final int instrumentId)
    {
        event.kind(EventKind.ENGINE_COMMAND).sessionId(sessionId).clientOrderId(requestId).registration(null);
        event.command().massCancel(0, instrumentId);
        handler.onEvent(event, sequence++, true);
    }

    private static List<String> since(final RecordingEgress egress, final int from)
    {
        final List<String> all = egress.flushed();
        return all.subList(from, all.size());
    }

    @Test
    void shouldReportWaitingStopInOpenOrdersThenTriggeredToItsOwnerBeforeItsFill()
    {
        limit(1, 1, Side.SELL, PX_101, 2, true);
        stopMarket(2, 5, Side.BUY, PX_101, 1);
        final long stopId = handler.journal().lastSequence();
        assertEquals(List.of("ACCEPTED c=5 x=" + stopId), egressB.flushed());

        query(2, SessionQuery.Type.OPEN_ORDERS, 9, SessionQuery.ALL_INSTRUMENTS);
        assertEquals("OPEN r=9 x=" + stopId + " c=5 BTC-USD BUY IOC " + Prices.NULL_PRICE +
            " 1 NONE STOP_MARKET stop=" + PX_101 + " last", egressB.flushed().get(1));

        limit(3, 7, Side.BUY, PX_101, 1, true);

        assertEquals(List.of("TRIGGERED c=5 x=" + stopId,
            "FILL c=5 x=" + stopId + " t=2 BUY px=" + PX_101 + " q=1 leaves=0 taker"), since(egressB, 2));
        assertTrue(egressC.flushed().get(1).startsWith("FILL c=7"));
    }

    @Test
    void shouldMassCancelOnlyTheSendersAccountWithOneReportPerOrderThenTheCount()
    {
        limit(1, 1, Side.BUY, PX_100, 1, true);
        stopMarket(1, 2, Side.SELL, PX_100 - Prices.UNIT, 1);
        limit(2, 3, Side.BUY, PX_100, 1, true);
        final long journaled = handler.journal().lastSequence();
        final int seenA = egressA.flushed().size();

        massCancel(1, 77, io.arbiter.engine.Command.ALL_INSTRUMENTS);

        assertEquals(journaled + 1, handler.journal().lastSequence(), "a mass cancel is journaled");
        assertEquals(3, since(egressA, seenA).size());
        assertTrue(since(egressA, seenA).get(0).startsWith("CANCELED c=1 "));
        assertTrue(since(egressA, seenA).get(0).endsWith(" q=1 MASS"));
        assertTrue(since(egressA, seenA).get(1).startsWith("CANCELED c=2 "));
        assertEquals("MASS_CANCELED r=77 n=2", since(egressA, seenA).get(2));
        assertEquals(1, handler.engine().openOrderCount(), "session 2's order stays");

        massCancel(1, 78, 5);
        assertEquals("MASS_CANCELED r=78 n=0", egressA.flushed().get(egressA.flushed().size() - 1));
    }

    @Test
    void shouldPushBalanceChangesToEveryLiveSessionOfTheAccountAndAnswerBalanceQueries()
    {
        final int instrument = handler.engine().addInstrument("ETH-USD", Prices.UNIT / 100, 1, "ETH", "USD").id();
        final int usd = handler.engine().riskControls().assetId("USD");
        handler.engine().riskControls().deposit(10, usd, 1000 * Prices.UNIT);
        final RecordingEgress egressD = new RecordingEgress();
        open(4, 10, egressD, true);
        query(1, SessionQuery.Type.BALANCES, 3, SessionQuery.ALL_INSTRUMENTS);
        assertEquals(List.of("BALANCE USD " + 1000 * Prices.UNIT + " 0",
            "BALANCES r=3 USD " + 1000 * Prices.UNIT + " 0 last"), egressA.flushed(), "the deposit, then the answer");
        query(2, SessionQuery.Type.BALANCES, 4, SessionQuery.ALL_INSTRUMENTS);
        assertEquals(List.of("BALANCES r=4 null 0 0 last"), egressB.flushed());

        event.kind(EventKind.ENGINE_COMMAND).sessionId(1).clientOrderId(8).registration(null);
        event.command().newOrder(0, 0, instrument, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, PX_100, 2,
            SelfTradePrevention.NONE);
        handler.onEvent(event, sequence++, true);

        final String balance = "BALANCE USD " + (1000 - 200) * Prices.UNIT + " " + 200 * Prices.UNIT;
        assertEquals(balance, egressA.flushed().get(egressA.flushed().size() - 1));
        assertEquals(List.of(balance), egressD.flushed(), "the account's other session sees it too");
        assertEquals(List.of("BALANCES r=4 null 0 0 last"), egressB.flushed());

        close(4);
        event.kind(EventKind.ENGINE_COMMAND).sessionId(1).clientOrderId(8).registration(null);
        event.command().cancel(0, 0);
        handler.onEvent(event, sequence++, true);
        assertEquals("BALANCE USD " + 1000 * Prices.UNIT + " 0", egressA.flushed().get(egressA.flushed().size() - 1));
        assertEquals(List.of(balance), egressD.flushed(), "a closed session gets nothing more");
    }

    @Test
    void shouldAnswerOpenOrdersOfTheAskingSessionOnlyInAcceptanceOrderWithoutJournaling()
    {
        handler.engine().addInstrument("ETH-USD", Prices.UNIT / 10, 5);
        final long second = limit(1, 7, Side.BUY, PX_100, 5, true);
        final long sold = limit(1, 8, Side.SELL, PX_101, 4, true);
        final long other = limit(2, 7, Side.BUY, PX_101 + PX_101, 1, true);
        final long first = limit(1, 9, Side.BUY, PX_101 - Prices.UNIT / 100, 2, true);
        final int seenA = egressA.flushed().size();
        final int seenB = egressB.flushed().size();
        final long journaled = handler.journal().lastSequence();

        query(1, SessionQuery.Type.OPEN_ORDERS, 55, SessionQuery.ALL_INSTRUMENTS);

        assertEquals(journaled, handler.journal().lastSequence());
        assertEquals(List.of(
            "OPEN r=55 x=" + second + " c=7 BTC-USD BUY GTC " + PX_100 + " 5 NONE",
            "OPEN r=55 x=" + sold + " c=8 BTC-USD SELL GTC " + PX_101 + " 3 NONE",
            "OPEN r=55 x=" + first + " c=9 BTC-USD BUY GTC " + (PX_101 - Prices.UNIT / 100) + " 2 NONE last"),
            egressA.flushed().subList(seenA, egressA.flushed().size()));
        assertEquals(seenB, egressB.flushed().size(), "order " + other + " is session 2's and filled");
        assertTrue(egressC.flushed().isEmpty());

        query(1, SessionQuery.Type.OPEN_ORDERS, 58, SessionQuery.ALL_INSTRUMENTS, second);
        assertEquals(List.of(
            "OPEN r=58 x=" + sold + " c=8 BTC-USD SELL GTC " + PX_101 + " 3 NONE",
            "OPEN r=58 x=" + first + " c=9 BTC-USD BUY GTC " + (PX_101 - Prices.UNIT / 100) + " 2 NONE last"),
            egressA.flushed().subList(egressA.flushed().size() - 2, egressA.flushed().size()));

        query(1, SessionQuery.Type.OPEN_ORDERS, 56, 1);
        assertEquals("OPEN r=56 none last", egressA.flushed().get(egressA.flushed().size() - 1));
        query(3, SessionQuery.Type.OPEN_ORDERS, 57, SessionQuery.ALL_INSTRUMENTS);
        assertEquals(List.of("OPEN r=57 none last"), egressC.flushed());
    }

    @Test
    void shouldListInstrumentsInDefinitionOrder()
    {
        handler.engine().addInstrument("ETH-USD", Prices.UNIT / 10, 5);

        query(2, SessionQuery.Type.INSTRUMENT_LIST, -1, SessionQuery.ALL_INSTRUMENTS);

        assertEquals(List.of(
            "INSTRUMENT r=-1 0 BTC-USD " + Prices.UNIT / 100 + " 1",
            "INSTRUMENT r=-1 1 ETH-USD " + Prices.UNIT / 10 + " 5 last"), egressB.flushed());
        assertTrue(egressA.flushed().isEmpty());
    }

    @Test
    void shouldAssignExchangeIdFromSequenceAndReportToSenderOnly()
    {
        final long exchangeId = limit(1, 7, Side.BUY, PX_100, 5, true);

        assertEquals(List.of("ACCEPTED c=7 x=" + exchangeId), egressA.flushed());
        assertTrue(egressB.flushed().isEmpty());
        assertTrue(egressC.flushed().isEmpty());
    }

    @Test
    void shouldRouteFillsToTheOwnersOfMakerAndTakerOnly()
    {
        final long makerId = limit(1, 1, Side.SELL, PX_100, 5, true);
        final long takerId = limit(2, 1, Side.BUY, PX_101, 3, true);

        assertEquals(List.of(
            "ACCEPTED c=1 x=" + makerId,
            "FILL c=1 x=" + makerId + " t=1 SELL px=" + PX_100 + " q=3 leaves=2 maker"), egressA.flushed());
        assertEquals(List.of(
            "ACCEPTED c=1 x=" + takerId,
            "FILL c=1 x=" + takerId + " t=1 BUY px=" + PX_100 + " q=3 leaves=0 taker"), egressB.flushed());
        assertTrue(egressC.flushed().isEmpty());
    }

    @Test
    void shouldFlushOnlyAtEndOfBatch()
    {
        final int before = egressA.flushCount();
        limit(1, 1, Side.BUY, PX_100, 1, false);
        limit(1, 2, Side.BUY, PX_100, 1, false);
        assertEquals(before, egressA.flushCount());
        assertEquals(2, egressA.pending().size());

        limit(1, 3, Side.BUY, PX_100, 1, true);

        assertEquals(before + 1, egressA.flushCount());
        assertEquals(3, egressA.flushed().size());
        assertEquals(0, egressB.flushCount());
    }

    @Test
    void shouldRejectDuplicateClientOrderIdWhileOpenAndAllowReuseAfterwards()
    {
        limit(1, 9, Side.BUY, PX_100, 1, true);
        limit(1, 9, Side.BUY, PX_100, 1, true);
        assertEquals("REJECTED c=9 NEW DUPLICATE_CLIENT_ORDER_ID", egressA.flushed().get(1));

        final long otherSession = limit(2, 9, Side.BUY, PX_100, 1, true);
        assertEquals(List.of("ACCEPTED c=9 x=" + otherSession), egressB.flushed());

        cancel(1, 9);
        final long reused = limit(1, 9, Side.BUY, PX_100, 1, true);
        assertEquals("ACCEPTED c=9 x=" + reused, egressA.flushed().get(egressA.flushed().size() - 1));
    }

    @Test
    void shouldEnforceOpenOrderLimitPerAccountAcrossSessions()
    {
        final RecordingEgress sameAccount = new RecordingEgress();
        open(4, 10, sameAccount, true);
        limit(1, 1, Side.BUY, PX_100, 1, true);
        limit(1, 2, Side.BUY, PX_100, 1, true);
        limit(4, 1, Side.BUY, PX_100, 1, true);
        limit(4, 2, Side.BUY, PX_100, 1, true);

        assertEquals("REJECTED c=2 NEW OPEN_ORDER_LIMIT", sameAccount.flushed().get(1));

        cancel(1, 1);
        limit(4, 3, Side.BUY, PX_100, 1, true);
        assertTrue(sameAccount.flushed().get(2).startsWith("ACCEPTED c=3"));
    }

    @Test
    void shouldCountOrdersLeftByAClosedSessionUntilTheAccountsNextSessionCancelsThem()
    {
        handler = new MatchingHandler(new EngineContext().orderPoolSize(256).levelPoolSize(64), 2, false, () -> 42L);
        handler.engine().addInstrument("BTC-USD", Prices.UNIT / 100, 1);
        open(1, 10, egressA, true);
        limit(1, 1, Side.BUY, PX_100, 1, true);
        limit(1, 2, Side.BUY, PX_100, 1, true);
        close(1);

        final RecordingEgress next = new RecordingEgress();
        open(4, 10, next, true);
        limit(4, 3, Side.BUY, PX_100, 1, true);
        assertEquals(List.of("REJECTED c=3 NEW OPEN_ORDER_LIMIT"), next.flushed());

        cancel(4, 1);
        cancel(4, 2);
        close(4);
        final RecordingEgress third = new RecordingEgress();
        open(5, 10, third, true);
        limit(5, 4, Side.BUY, PX_100, 1, true);
        limit(5, 5, Side.BUY, PX_100, 1, true);
        limit(5, 6, Side.BUY, PX_100, 1, true);
        assertEquals(3, third.flushed().size());
        assertTrue(third.flushed().get(0).startsWith("ACCEPTED c=4"));
        assertTrue(third.flushed().get(1).startsWith("ACCEPTED c=5"));
        assertEquals("REJECTED c=6 NEW OPEN_ORDER_LIMIT", third.flushed().get(2));
    }

    @Test
    void shouldForgetAnAccountOnceItHasNeitherASessionNorAnOpenOrder()
    {
        assertEquals(3, handler.ownership().accountStateCount());
        for (int i = 0; i < 50; i++)
        {
            final long sessionId = 100 + i;
            open(sessionId, 1_000 + i, new RecordingEgress(), true);
            if (i % 2 == 0)
            {
                limit(sessionId, 1, Side.BUY, PX_100, 1, true);
            }
        }
        assertEquals(53, handler.ownership().accountStateCount());
        for (int i = 0; i < 50; i++)
        {
            close(100 + i);
        }
        assertEquals(3, handler.ownership().accountStateCount(), "cancelled on disconnect, nothing left to count");

        handler = new MatchingHandler(new EngineContext().orderPoolSize(256).levelPoolSize(64), 3, false, () -> 42L);
        handler.engine().addInstrument("BTC-USD", Prices.UNIT / 100, 1);
        open(7, 70, egressA, true);
        limit(7, 1, Side.BUY, PX_100, 1, true);
        close(7);
        assertEquals(1, handler.ownership().accountStateCount(), "the parked order still counts for its account");
        open(8, 70, egressB, true);
        cancel(8, 1);
        close(8);
        assertEquals(0, handler.ownership().accountStateCount());
    }

    @Test
    void shouldFreeTheLimitOfOrdersCancelledOnDisconnect()
    {
        limit(1, 1, Side.BUY, PX_100, 1, true);
        limit(1, 2, Side.BUY, PX_100, 1, true);
        limit(1, 3, Side.BUY, PX_100, 1, true);
        close(1);
        assertEquals(0, handler.engine().openOrderCount());

        final RecordingEgress next = new RecordingEgress();
        open(4, 10, next, true);
        for (int i = 1; i <= 4; i++)
        {
            limit(4, i, Side.BUY, PX_100, 1, true);
        }
        assertEquals(4, next.flushed().size());
        for (int i = 0; i < 3; i++)
        {
            assertTrue(next.flushed().get(i).startsWith("ACCEPTED c=" + (i + 1)), next.flushed().get(i));
        }
        assertEquals("REJECTED c=4 NEW OPEN_ORDER_LIMIT", next.flushed().get(3));
    }

    @Test
    void shouldNotCountFinishedOrdersAgainstTheLimit()
    {
        for (int i = 0; i < 10; i++)
        {
            limit(1, i, Side.SELL, PX_100, 1, true);
            limit(2, i, Side.BUY, PX_100, 1, true);
        }
        assertEquals(0, handler.engine().openOrderCount());
        assertTrue(egressA.flushed().stream().noneMatch(r -> r.startsWith("REJECTED")));
    }

    @Test
    void shouldRejectCancelOfAnotherSessionsOrder()
    {
        limit(1, 5, Side.BUY, PX_100, 1, true);
        cancel(2, 5);

        assertEquals(List.of("REJECTED c=5 CANCEL UNKNOWN_CLIENT_ORDER_ID"), egressB.flushed());
        assertEquals(1, egressA.flushed().size());
        assertEquals(1, handler.engine().openOrderCount());
    }

    @Test
    void shouldReportEngineRejectToSender()
    {
        limit(1, 5, Side.BUY, PX_100 + 1, 1, true);

        assertEquals(List.of("REJECTED c=5 NEW INVALID_PRICE"), egressA.flushed());
        limit(1, 5, Side.BUY, PX_100, 1, true);
        assertTrue(egressA.flushed().get(1).startsWith("ACCEPTED c=5"));
    }

    @Test
    void shouldCancelOpenOrdersOnDisconnectWithoutReportingToOthers()
    {
        limit(1, 1, Side.BUY, PX_100, 1, true);
        limit(1, 2, Side.BUY, PX_100, 2, true);
        assertEquals(2, handler.engine().openOrderCount());
        final int reportsBefore = egressA.flushed().size();

        close(1);

        assertEquals(0, handler.engine().openOrderCount());
        assertEquals(reportsBefore, egressA.flushed().size());
        assertTrue(egressB.flushed().isEmpty());
        limit(1, 3, Side.BUY, PX_100, 1, true);
        assertEquals(reportsBefore, egressA.flushed().size());
    }
    @Test
    void shouldHandParkedOrdersToTheAccountsNextSessionAcrossManySessionsComingAndGoing()
    {
        handler = new MatchingHandler(new EngineContext().orderPoolSize(256).levelPoolSize(64), 100, false, () -> 42L);
        handler.engine().addInstrument("BTC-USD", Prices.UNIT / 100, 1);
        open(2, 20, egressB, true);
        final long[] restingIds = new long[3];
        long sessionId = 100;
        for (int round = 0; round < 3; round++)
        {
            // Each round a session of account 10 rests one order and leaves without cancel-on-disconnect, while a
            // short-lived session of another account comes and goes (and gives its owner handle back).
            final RecordingEgress egress = new RecordingEgress();
            open(++sessionId, 10, egress, true);
            restingIds[round] = limit(sessionId, 50 + round, Side.SELL, PX_100, 1, true);
            final RecordingEgress passing = new RecordingEgress();
            open(++sessionId, 40, passing, true);
            limit(sessionId, 1, Side.BUY, PX_100 - Prices.UNIT, 1, true);
            cancel(sessionId, 1);
            close(sessionId);
            close(sessionId - 1);
        }
        final RecordingEgress heir = new RecordingEgress();
        open(++sessionId, 10, heir, true);

        final long takerId = limit(2, 7, Side.BUY, PX_101, 3, true);

        assertEquals(List.of(
            "FILL c=50 x=" + restingIds[0] + " t=1 SELL px=" + PX_100 + " q=1 leaves=0 maker",
            "FILL c=51 x=" + restingIds[1] + " t=2 SELL px=" + PX_100 + " q=1 leaves=0 maker",
            "FILL c=52 x=" + restingIds[2] + " t=3 SELL px=" + PX_100 + " q=1 leaves=0 maker"), heir.flushed());
        assertEquals("FILL c=7 x=" + takerId + " t=3 BUY px=" + PX_100 + " q=1 leaves=0 taker",
            egressB.flushed().get(egressB.flushed().size() - 1));
        assertEquals(0, handler.engine().openOrderCount());
        assertEquals(0, handler.parkedAccountCount());
    }
}
