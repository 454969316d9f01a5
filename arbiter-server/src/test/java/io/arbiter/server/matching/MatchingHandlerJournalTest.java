package io.arbiter.server.matching;

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
import io.arbiter.journal.RecoveryResult;
import io.arbiter.journal.SnapshotWriter;
import io.arbiter.server.egress.SessionEgress;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.ControlRequest;
import io.arbiter.server.sequencer.EventKind;
import io.arbiter.server.sequencer.SessionRegistration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The matching handler with a real journal: commit before flush, sequence continuity across a restart, operator
 * requests. Single-threaded (the test plays the matching thread).
 */
class MatchingHandlerJournalTest
{
    private static final long PX_100 = 100 * Prices.UNIT;

    @TempDir
    Path dir;

    private final CommandEvent event = new CommandEvent();
    private long ringSequence;

    private MatchingHandler handler()
    {
        final MatchingHandler handler =
            new MatchingHandler(new EngineContext().orderPoolSize(1024).levelPoolSize(64), 1000, false, () -> 42L);
        handler.engine().addInstrument("BTC-USD", Prices.UNIT / 100, 1);
        return handler;
    }

    private JournalContext context()
    {
        return new JournalContext().dataDir(dir).durability(DurabilityPolicy.BATCH);
    }

    private void open(final MatchingHandler handler, final SessionEgress egress)
    {
        event.kind(EventKind.SESSION_OPENED).sessionId(1).registration(new SessionRegistration(1, 10, egress));
        handler.onEvent(event, ringSequence++, true);
    }

    private void limit(final MatchingHandler handler, final long clientId, final Side side, final boolean end)
    {
        event.kind(EventKind.ENGINE_COMMAND).sessionId(1).clientOrderId(clientId).registration(null);
        event.command()
            .newOrder(0, 0, 0, side, OrderType.LIMIT, TimeInForce.GTC, PX_100, 5, SelfTradePrevention.NONE);
        handler.onEvent(event, ringSequence++, end);
    }

    @Test
    void shouldCommitTheJournalBeforeAnyReplyOfTheBatchIsFlushed()
    {
        final MatchingHandler handler = handler();
        final JournalWriter writer = new JournalWriter(context(), 0);
        handler.journal(new CommandJournal(writer, null, 0, 0, 0, line -> { }));
        final RecordingEgress recording = new RecordingEgress();
        final List<Long> forcedAtFlush = new ArrayList<>();
        final SessionEgress egress = (SessionEgress)Proxy.newProxyInstance(
            SessionEgress.class.getClassLoader(), new Class<?>[]{SessionEgress.class}, (proxy, method, args) ->
            {
                if (method.getName().equals("flush"))
                {
                    forcedAtFlush.add(writer.forcedSequence());
                }
                try
                {
                    return method.invoke(recording, args);
                }
                catch (final InvocationTargetException ex)
                {
                    throw ex.getCause();
                }
            });
        open(handler, egress);

        limit(handler, 1, Side.BUY, false);
        limit(handler, 2, Side.BUY, false);
        assertEquals(0, writer.forcedSequence(), "nothing forced before the end of the batch");
        assertTrue(forcedAtFlush.isEmpty());
        limit(handler, 3, Side.SELL, true);

        assertEquals(List.of(3L), forcedAtFlush, "flushed once, after all three commands were forced");
        assertEquals(3, recording.flushed().stream().filter(r -> r.startsWith("ACCEPTED")).count());
        handler.closeJournal();
    }

    @Test
    void shouldNumberCommandsAfterTheRecoveredSequenceAndRecoverTheSameState()
    {
        final MatchingHandler first = handler();
        first.journal(new CommandJournal(new JournalWriter(context(), 0), new SnapshotWriter(context()), 2, 0, 0,
            line -> { }));
        final RecordingEgress egress = new RecordingEgress();
        open(first, egress);
        limit(first, 1, Side.BUY, true);
        limit(first, 2, Side.BUY, true);
        limit(first, 3, Side.SELL, true);
        assertEquals(List.of("ACCEPTED c=1 x=1", "ACCEPTED c=2 x=2"), egress.flushed().subList(0, 2));
        final long hash = first.engine().stateHash();
        first.closeJournal();

        final MatchingHandler second = handler();
        final RecoveryResult result = new Recovery(context()).recover(second.engine());
        assertEquals(3, result.lastSequence());
        assertEquals(hash, second.engine().stateHash());
        second.journal(new CommandJournal(new JournalWriter(context(), result.lastSequence()), null, 0, 0,
            result.snapshotSequence(), line -> { }));
        final RecordingEgress egress2 = new RecordingEgress();
        open(second, egress2);
        limit(second, 1, Side.BUY, true);
        assertEquals("ACCEPTED c=1 x=4", egress2.flushed().get(0));
        second.closeJournal();

        final MatchingEngine replayed = handler().engine();
        assertEquals(4, new Recovery(context()).useSnapshots(false).recover(replayed).lastSequence());
        assertEquals(second.engine().stateHash(), replayed.stateHash());
    }

    @Test
    void shouldAnswerStateAndSnapshotRequestsOnTheMatchingThread() throws Exception
    {
        final MatchingHandler handler = handler();
        handler.journal(new CommandJournal(new JournalWriter(context(), 0), new SnapshotWriter(context()), 0, 0, 0,
            line -> { }));
        open(handler, new RecordingEgress());
        limit(handler, 1, Side.BUY, true);

        final ControlRequest snapshot = new ControlRequest(ControlRequest.Type.SNAPSHOT);
        event.kind(EventKind.CONTROL).control(snapshot);
        handler.onEvent(event, ringSequence++, true);
        assertTrue(snapshot.result().get().contains("\"lastSequence\":1"), snapshot.result().get());
        try (Stream<Path> files = Files.list(dir))
        {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().equals("snapshot-00000000000000000001.snap")));
        }

        final ControlRequest state = new ControlRequest(ControlRequest.Type.STATE);
        event.kind(EventKind.CONTROL).control(state);
        handler.onEvent(event, ringSequence++, true);
        assertEquals(String.format(
            "{\"journal\":true,\"failed\":false,\"lastSequence\":1,\"lastSnapshotSequence\":1," +
            "\"openOrders\":1,\"trades\":0,\"stateHash\":\"%016x\"}", handler.engine().stateHash()),
            state.result().get());
        handler.closeJournal();
    }

    @Test
    void shouldCommitAndFlushALongBatchInBoundedParts()
    {
        final MatchingHandler handler = handler();
        final JournalWriter writer = new JournalWriter(context(), 0);
        handler.journal(new CommandJournal(writer, null, 0, 0, 0, line -> { }));
        final RecordingEgress egress = new RecordingEgress();
        open(handler, egress);
        final int before = egress.flushCount();

        for (int i = 1; i <= 2 * MatchingHandler.MAX_COMMANDS_PER_COMMIT; i++)
        {
            limit(handler, i, Side.BUY, false);
        }

        assertEquals(before + 2, egress.flushCount());
        assertEquals(2L * MatchingHandler.MAX_COMMANDS_PER_COMMIT, writer.forcedSequence());
        assertEquals(2 * MatchingHandler.MAX_COMMANDS_PER_COMMIT, egress.flushed().size());
        handler.closeJournal();
    }
}
