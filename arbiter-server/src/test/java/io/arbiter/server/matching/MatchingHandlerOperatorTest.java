package io.arbiter.server.matching;

import io.arbiter.engine.CommandType;
import io.arbiter.engine.Command;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.journal.DurabilityPolicy;
import io.arbiter.journal.JournalContext;
import io.arbiter.journal.JournalWriter;
import io.arbiter.journal.Recovery;
import io.arbiter.server.egress.ReplyGate;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.ControlRequest;
import io.arbiter.server.sequencer.EventKind;
import io.arbiter.server.sequencer.OperatorCommand;
import io.arbiter.server.sequencer.OperatorRefusal;
import io.arbiter.server.sequencer.SessionRegistration;
import io.arbiter.server.sequencer.WaitStrategyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The matching handler's operator side: journaled operator commands resolved and refused on the matching thread,
 * account queries, and the node clock's TIME commands that expire good-till-date orders (and replay the same way).
 * The test plays the matching thread.
 */
class MatchingHandlerOperatorTest
{
    private static final long ACCOUNT = 10;
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private final CommandEvent event = new CommandEvent();
    private long ringSequence;
    private long nowNs = 1_000 * MS;

    private MatchingHandler handler()
    {
        final MatchingHandler handler =
            new MatchingHandler(new EngineContext().orderPoolSize(1024).levelPoolSize(64), 1000, false, () -> nowNs);
        handler.engine().addInstrument("BTC-USD", Prices.UNIT / 100, 1);
        return handler;
    }

    private JournalContext context()
    {
        return new JournalContext().dataDir(dir).durability(DurabilityPolicy.BATCH);
    }

    private MatchingHandler started(final MatchingHandler handler)
    {
        handler.journal(new CommandJournal(new JournalWriter(context(), 0), null, 0, 0, 0, line -> { })
            .start(1024, WaitStrategyKind.SLEEPING, r -> new Thread(r, "test-journal"), new ReplyGate(), null));
        return handler;
    }

    private RecordingEgress open(final MatchingHandler handler)
    {
        final RecordingEgress egress = new RecordingEgress();
        event.kind(EventKind.SESSION_OPENED).sessionId(1).registration(new SessionRegistration(1, ACCOUNT, egress));
        handler.onEvent(event, ringSequence++, true);
        return egress;
    }

    private void order(
        final MatchingHandler handler, final long clientId, final int instrumentId, final TimeInForce tif,
        final long expire)
    {
        event.kind(EventKind.ENGINE_COMMAND).sessionId(1).clientOrderId(clientId).registration(null);
        event.command().newOrder(0, 0, instrumentId, Side.BUY, OrderType.LIMIT, tif, 100 * Prices.UNIT, 2,
            SelfTradePrevention.NONE).time(expire);
        handler.onEvent(event, ringSequence++, true);
    }

    private void clock(final MatchingHandler handler, final long ms)
    {
        nowNs = ms * MS;
        event.kind(EventKind.CLOCK).registration(null);
        handler.onEvent(event, ringSequence++, true);
    }

    private ControlRequest control(final MatchingHandler handler, final ControlRequest request)
    {
        event.kind(EventKind.CONTROL).control(request);
        handler.onEvent(event, ringSequence++, true);
        return request;
    }

    private String operator(final MatchingHandler handler, final OperatorCommand command) throws Exception
    {
        return control(handler, new ControlRequest(ControlRequest.Type.OPERATOR, command)).result().get();
    }

    @Test
    void shouldExpireAGtdOrderFromTheNodeClockAndReplayTheSameExpiry() throws Exception
    {
        final MatchingHandler handler = started(handler());
        final RecordingEgress egress = open(handler);
        order(handler, 1, 0, TimeInForce.GTD, 1_500);
        assertEquals("ACCEPTED c=1 x=2", egress.flushed().get(0), "order ids are sequences: TIME 1000 took 1");
        assertEquals(2, handler.journal().lastSequence(), "TIME 1000 journaled before the GTD order");
        assertEquals(1_000, handler.engine().clock());
        assertTrue(handler.gtdOrdersOpen());

        clock(handler, 1_200);
        assertEquals(3, handler.journal().lastSequence(), "TIME 1200 journaled");
        assertEquals(1_200, handler.engine().clock());
        assertEquals(1, handler.engine().openOrderCount());

        clock(handler, 1_600);
        assertEquals(4, handler.journal().lastSequence());
        assertEquals(0, handler.engine().openOrderCount(), "expired by the node clock alone");
        assertTrue(egress.flushed().contains("CANCELED c=1 x=2 q=2 EXPIRED"), egress.flushed().toString());
        assertFalse(handler.gtdOrdersOpen());

        clock(handler, 1_700);
        assertEquals(4, handler.journal().lastSequence(), "no TIME command while no GTD order is open");
        final long hash = handler.engine().stateHash();
        handler.closeJournal();

        final MatchingEngine replayed = handler().engine();
        new Recovery(context()).useSnapshots(false).recover(replayed);
        assertEquals(hash, replayed.stateHash());
        assertEquals(1_600, replayed.clock());
        assertEquals(0, replayed.openOrderCount(), "replay expires the same order");
    }

    @Test
    void shouldRejectAGtdOrderWhoseExpiryThePausedEngineClockHasNotReachedButTheNodeClockHas() throws Exception
    {
        final MatchingHandler handler = started(handler());
        final RecordingEgress egress = open(handler);
        order(handler, 1, 0, TimeInForce.GTC, Command.NO_TIME);
        assertEquals(0, handler.engine().clock(), "no GTD order yet: the engine clock stands still");

        nowNs = 5_000 * MS;
        order(handler, 2, 0, TimeInForce.GTD, 4_000);
        assertEquals("REJECTED c=2 NEW INVALID_EXPIRY", egress.flushed().get(1), egress.flushed().toString());
        assertEquals(5_000, handler.engine().clock());
        assertFalse(handler.gtdOrdersOpen());

        order(handler, 3, 0, TimeInForce.GTD, 5_001);
        assertEquals("ACCEPTED c=3 x=4", egress.flushed().get(2), egress.flushed().toString());
        assertEquals(4, handler.journal().lastSequence(), "GTC, TIME 5000, the rejected GTD, the accepted GTD");
        final long hash = handler.engine().stateHash();
        handler.closeJournal();

        final MatchingEngine replayed = handler().engine();
        new Recovery(context()).useSnapshots(false).recover(replayed);
        assertEquals(hash, replayed.stateHash());
        assertEquals(2, replayed.openOrderCount());
    }

    @Test
    void shouldJournalOperatorCommandsRefuseUnknownNamesAndAnswerAccountQueries() throws Exception
    {
        final MatchingHandler handler = started(handler());
        final List<String> defined = new ArrayList<>();
        handler.instrumentListener((symbol, id) -> defined.add(symbol + "=" + id));
        final RecordingEgress egress = open(handler);

        assertTrue(operator(handler, new OperatorCommand(
            CommandType.INSTRUMENT, "XBT-EUR", 0, null, Prices.UNIT / 2, 1, "XBT", "EUR"))
            .contains("\"result\":\"DEFINED\",\"symbol\":\"XBT-EUR\",\"instrumentId\":1"));
        assertEquals(List.of("XBT-EUR=1"), defined);
        assertTrue(operator(handler, new OperatorCommand(
            CommandType.DEPOSIT, null, ACCOUNT, "EUR", 1_000 * Prices.UNIT, 0, null, null))
            .contains("\"result\":\"DEPOSITED\""));
        final String rejected = operator(handler, new OperatorCommand(
            CommandType.WITHDRAW, null, ACCOUNT, "EUR", 5_000 * Prices.UNIT, 0, null, null));
        assertTrue(rejected.contains("\"result\":\"WITHDRAW_REJECTED\",\"reason\":\"INSUFFICIENT_FUNDS\""), rejected);
        final long journaled = handler.journal().lastSequence();

        final ControlRequest unknown = control(handler, new ControlRequest(ControlRequest.Type.OPERATOR,
            new OperatorCommand(CommandType.HALT, "NOPE", 0, null, 0, 0, null, null)));
        final ExecutionException refused = assertThrows(ExecutionException.class, () -> unknown.result().get());
        assertEquals(404, ((OperatorRefusal)refused.getCause()).status());
        final ControlRequest noAssets = control(handler, new ControlRequest(ControlRequest.Type.OPERATOR,
            new OperatorCommand(CommandType.FEES, "BTC-USD", 0, null, 1, 5, null, null)));
        assertEquals(400, ((OperatorRefusal)assertThrows(ExecutionException.class, () -> noAssets.result().get())
            .getCause()).status());
        assertEquals(journaled, handler.journal().lastSequence(), "refused requests are not journaled");

        order(handler, 7, 1, TimeInForce.GTC, -1);
        assertTrue(egress.flushed().contains("ACCEPTED c=7 x=" + (journaled + 1)), egress.flushed().toString());
        final String account = control(handler, new ControlRequest(ControlRequest.Type.ACCOUNT,
            new OperatorCommand(CommandType.ENABLE, null, ACCOUNT, "demo", 0, 0, null, null))).result().get();
        assertTrue(account.contains("\"EUR\":{\"available\":\"800\",\"held\":\"200\"}"), account);
        assertTrue(account.contains("\"clientOrderId\":7"), account);

        assertTrue(operator(handler, new OperatorCommand(CommandType.DISABLE, null, ACCOUNT, null, 0, 0, null, null))
            .contains("\"result\":\"DISABLED\",\"canceled\":1"));
        assertTrue(egress.flushed().contains("CANCELED c=7 x=" + (journaled + 1) + " q=2 ACCOUNT_DISABLED"),
            egress.flushed().toString());
        final long hash = handler.engine().stateHash();
        handler.closeJournal();

        final MatchingEngine replayed = handler().engine();
        new Recovery(context()).useSnapshots(false).recover(replayed);
        assertEquals(hash, replayed.stateHash());
        assertTrue(replayed.balances().isDisabled(ACCOUNT));
        assertEquals(1, replayed.instrumentId("XBT-EUR"));
    }
}
