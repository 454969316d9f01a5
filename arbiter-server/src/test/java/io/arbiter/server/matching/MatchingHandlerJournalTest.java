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
import io.arbiter.server.egress.ReplyGate;
import io.arbiter.server.egress.SessionEgress;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.ControlRequest;
import io.arbiter.server.sequencer.EventKind;
import io.arbiter.server.sequencer.SessionRegistration;
import io.arbiter.server.sequencer.WaitStrategyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The matching handler with a real journal on its own writer threads: replies gated on the force while matching goes
 * on, overlapping forces, divergence stops the node, sequence continuity across a restart, operator requests. The
 * test plays the matching thread.
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

    /** A reply gate the handler's reports wait at. */
    private static ReplyGate gated(final MatchingHandler handler)
    {
        final ReplyGate gate = new ReplyGate();
        handler.gate(gate);
        return gate;
    }

    /** A journal on {@code writer} without snapshots, logging nowhere. */
    private static CommandJournal journalOf(final JournalWriter writer)
    {
        return new CommandJournal(writer, null, 0, 0, 0, line -> { });
    }

    private CommandJournal started(final CommandJournal journal, final ReplyGate gate)
    {
        return journal.start(1024, WaitStrategyKind.SLEEPING, r -> new Thread(r, "test-journal"), gate, null);
    }

    /** A slow disk's force: block the journal thread until the test lets it go. */
    private static void awaitQuietly(final CountDownLatch diskDone)
    {
        try
        {
            diskDone.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitReleased(final ReplyGate gate, final long sequence) throws InterruptedException
    {
        // liveness bound only: a quiet run releases within milliseconds; 30 s is far beyond 10x that
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (gate.releasedSequence() < sequence && System.nanoTime() < deadlineNs)
        {
            Thread.sleep(1);
        }
    }

    @Test
    void shouldKeepMatchingWhileTheForceBlocksAndReleaseRepliesOnlyOnceForced() throws Exception
    {
        final MatchingHandler handler = handler();
        final ReplyGate gate = gated(handler);
        final JournalWriter writer = new JournalWriter(context(), 0);
        final CommandJournal journal = journalOf(writer);
        final CountDownLatch forceEntered = new CountDownLatch(1);
        final CountDownLatch diskDone = new CountDownLatch(1);
        journal.beforeCommit(() ->
        {
            forceEntered.countDown();
            awaitQuietly(diskDone);
        });
        handler.journal(started(journal, gate));
        final RecordingEgress egress = new RecordingEgress();
        open(handler, egress);

        limit(handler, 1, Side.BUY, true);
        assertTrue(forceEntered.await(30, TimeUnit.SECONDS), "the journal thread reached the (blocked) force");
        final long processed = handler.processedCount();
        for (int i = 2; i <= 50; i++)
        {
            limit(handler, i, Side.BUY, true);
        }

        assertEquals(processed + 49, handler.processedCount(), "matching went on while the force blocked");
        assertEquals(50, handler.engine().openOrderCount());
        assertEquals(0, gate.releasedSequence(), "nothing released before the force returned");
        assertEquals(50, egress.flushed().size());
        for (final long releaseSequence : egress.releaseSequences())
        {
            assertTrue(releaseSequence > gate.releasedSequence(), "every report batch waits for the journal");
        }

        diskDone.countDown();
        awaitReleased(gate, 50);
        assertEquals(50, gate.releasedSequence(), "all released once forced");
        assertEquals(50, writer.forcedSequence());
        assertEquals(List.of(1L, 2L, 3L), egress.releaseSequences().subList(0, 3),
            "each batch waits for its own last command");
        handler.closeJournal();
    }

    @Test
    void shouldHandTheWriterAWholeBatchAtItsEndAndForceItAsOneGroup() throws Exception
    {
        final MatchingHandler handler = handler();
        final ReplyGate gate = gated(handler);
        final JournalWriter writer = new JournalWriter(context(), 0);
        final CommandJournal journal = journalOf(writer);
        final List<Long> forcedUpTo = new CopyOnWriteArrayList<>();
        journal.beforeCommit(() -> forcedUpTo.add(writer.writtenSequence()));
        handler.journal(started(journal, gate));
        final RecordingEgress egress = new RecordingEgress();
        open(handler, egress);

        for (int i = 1; i <= 5; i++)
        {
            limit(handler, i, Side.BUY, false);
        }
        Thread.sleep(50);
        assertEquals(List.of(), forcedUpTo, "the writer sees none of a batch before its end");
        assertEquals(5, handler.engine().openOrderCount(), "while matching applied all five");
        limit(handler, 6, Side.BUY, true);

        awaitReleased(gate, 6);
        assertEquals(6, gate.releasedSequence());
        assertEquals(List.of(6L), forcedUpTo, "the whole batch in one write and one force");
        handler.closeJournal();
    }

    @Test
    void shouldForceTheNextGroupWhileTheForceBeforeItBlocksAndReleaseBothOnceTheLaterForceReturns() throws Exception
    {
        final MatchingHandler handler = handler();
        final ReplyGate gate = gated(handler);
        final JournalWriter writer = new JournalWriter(context(), 0);
        final CommandJournal journal = journalOf(writer).writerThreads(2);
        final CountDownLatch firstForceEntered = new CountDownLatch(1);
        final CountDownLatch firstDiskDone = new CountDownLatch(1);
        final List<String> forcingThreads = new CopyOnWriteArrayList<>();
        journal.beforeCommit(() ->
        {
            forcingThreads.add(Thread.currentThread().getName());
            if (forcingThreads.size() == 1)
            {
                // only the first force is slow, like a device flush that takes long
                firstForceEntered.countDown();
                awaitQuietly(firstDiskDone);
            }
        });
        handler.journal(started(journal, gate));
        final RecordingEgress egress = new RecordingEgress();
        open(handler, egress);

        limit(handler, 1, Side.BUY, true);
        assertTrue(firstForceEntered.await(30, TimeUnit.SECONDS), "a writer thread reached the (blocked) force");
        limit(handler, 2, Side.BUY, true);
        limit(handler, 3, Side.BUY, true);

        awaitReleased(gate, 3);
        assertEquals(3, gate.releasedSequence(),
            "a later force covers every command written before it: released without waiting for the blocked one");
        assertEquals(1, firstDiskDone.getCount(), "while the first force is still blocked");
        assertTrue(writer.forcedSequence() >= 3);
        assertFalse(forcingThreads.get(1).equals(forcingThreads.get(0)), "the second force ran on the other thread");

        firstDiskDone.countDown();
        handler.closeJournal();
        assertEquals(3, gate.releasedSequence(), "the blocked force returning last does not move the gate back");
        assertEquals(3, writer.forcedSequence());
        final MatchingEngine replayed = handler().engine();
        assertEquals(3, new Recovery(context()).useSnapshots(false).recover(replayed).lastSequence(),
            "every command in the journal, in order");
        assertEquals(handler.engine().stateHash(), replayed.stateHash());
    }

    @Test
    void shouldWriteEachBatchOnTheMatchingThreadBeforeItsFlushAndReleaseItAtOnceUnderNone() throws Exception
    {
        final MatchingHandler handler = handler();
        final ReplyGate gate = gated(handler);
        final JournalWriter writer =
            new JournalWriter(new JournalContext().dataDir(dir).durability(DurabilityPolicy.NONE), 0);
        final List<String> commitThreads = new ArrayList<>();
        final CommandJournal journal = journalOf(writer);
        journal.beforeCommit(() -> commitThreads.add(Thread.currentThread().getName()));
        handler.journal(journal.start(1024, WaitStrategyKind.SLEEPING, r -> new Thread(r, "test-journal-none"), gate,
            null));
        final RecordingEgress egress = new RecordingEgress();
        open(handler, egress);

        limit(handler, 1, Side.BUY, false);
        limit(handler, 2, Side.BUY, false);
        assertEquals(0, writer.writtenSequence(), "nothing written before the end of the batch");
        assertEquals(0, gate.releasedSequence());
        limit(handler, 3, Side.SELL, true);

        assertEquals(3, writer.writtenSequence(), "the batch was written before onEvent returned");
        assertEquals(3, gate.releasedSequence(), "and released without waiting for another thread");
        assertEquals(List.of(3L), egress.releaseSequences(), "one hand-off, tagged with the batch's last command");
        assertEquals(List.of(Thread.currentThread().getName()), commitThreads, "one commit, on the matching thread");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("test-journal-none")),
            "no journal writer thread under none");

        final long hash = handler.engine().stateHash();
        handler.closeJournal();
        final MatchingEngine replayed = handler().engine();
        assertEquals(3, new Recovery(context()).useSnapshots(false).recover(replayed).lastSequence(),
            "every command in the journal");
        assertEquals(hash, replayed.stateHash());
    }

    @Test
    void shouldForceAndReleaseEveryMatchedCommandAtShutdownEvenWhileTheForceIsBlocked() throws Exception
    {
        final MatchingHandler handler = handler();
        final ReplyGate gate = gated(handler);
        final JournalWriter writer = new JournalWriter(context(), 0);
        final CommandJournal journal = journalOf(writer);
        final CountDownLatch forceEntered = new CountDownLatch(1);
        final CountDownLatch diskDone = new CountDownLatch(1);
        journal.beforeCommit(() ->
        {
            forceEntered.countDown();
            awaitQuietly(diskDone);
        });
        handler.journal(started(journal, gate));
        open(handler, new RecordingEgress());
        limit(handler, 1, Side.BUY, true);
        assertTrue(forceEntered.await(30, TimeUnit.SECONDS));
        for (int i = 2; i <= 10; i++)
        {
            limit(handler, i, Side.BUY, true);
        }

        final Thread closer = new Thread(handler::closeJournal, "test-close");
        closer.start();
        closer.join(100);
        assertTrue(closer.isAlive(), "close waits for the journal to write what matching handed over");
        assertEquals(0, gate.releasedSequence());
        diskDone.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(30));

        assertFalse(closer.isAlive());
        assertEquals(10, writer.forcedSequence(), "every command matched before shutdown is forced");
        assertEquals(10, gate.releasedSequence(), "and its reports are released");
    }

    @Test
    void shouldStopTakingOrdersAndReleaseNothingPastACommandWhoseApplicationThrew() throws Exception
    {
        final MatchingHandler handler = handler();
        final ReplyGate gate = gated(handler);
        final List<String> log = new ArrayList<>();
        final CommandJournal journal = new CommandJournal(new JournalWriter(context(), 0), null, 0, 0, 0, log::add);
        handler.journal(started(journal, gate));
        final RecordingEgress egress = new RecordingEgress();
        open(handler, egress);
        limit(handler, 1, Side.BUY, true);
        awaitReleased(gate, 1);

        // the gateway and the ownership checks reject every value known to throw (issue #13's client order id -1),
        // so the test makes the report path throw while the journaled command is applied
        egress.throwOnAccepted(2);
        limit(handler, 2, Side.BUY, true);
        assertTrue(handler.diverged());
        assertFalse(handler.acceptingOrders());
        assertTrue(gate.frozen());
        limit(handler, 3, Side.BUY, true);

        awaitReleased(gate, 1);
        assertEquals(1, gate.releasedSequence(), "nothing past the divergence is released");
        assertEquals(2, journal.lastSequence(), "nothing journaled after it");
        final List<String> reports = egress.flushed();
        assertEquals("REJECTED c=3 NEW NODE_STOPPED", reports.get(reports.size() - 1));
        assertEquals(ReplyGate.RELEASE_NOW,
            (long)egress.releaseSequences().get(egress.releaseSequences().size() - 1),
                "the stop reject leaves at once");
        assertTrue(log.stream().anyMatch(line -> line.contains("applying journaled command 2 threw")), log.toString());
        handler.closeJournal();
    }

    @Test
    void shouldNumberCommandsAfterTheRecoveredSequenceAndRecoverTheSameState()
    {
        final MatchingHandler first = handler();
        first.journal(started(new CommandJournal(new JournalWriter(context(), 0), new SnapshotWriter(context()), 2, 0,
            0, line -> { }), new ReplyGate()));
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
        second.journal(started(new CommandJournal(new JournalWriter(context(), result.lastSequence()), null, 0, 0,
            result.snapshotSequence(), line -> { }), new ReplyGate()));
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
        handler.journal(started(new CommandJournal(new JournalWriter(context(), 0), new SnapshotWriter(context()), 0, 0,
            0, line -> { }), new ReplyGate()));
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
    void shouldHandOverALongBatchInBoundedParts()
    {
        final MatchingHandler handler = handler();
        final JournalWriter writer = new JournalWriter(context(), 0);
        handler.journal(started(journalOf(writer), new ReplyGate()));
        final RecordingEgress egress = new RecordingEgress();
        open(handler, egress);
        final int before = egress.flushCount();

        for (int i = 1; i <= 2 * MatchingHandler.MAX_COMMANDS_PER_COMMIT; i++)
        {
            limit(handler, i, Side.BUY, false);
        }

        assertEquals(before + 2, egress.flushCount());
        assertEquals(2 * MatchingHandler.MAX_COMMANDS_PER_COMMIT, egress.flushed().size());
        final List<Long> releases = egress.releaseSequences();
        assertEquals(List.of((long)MatchingHandler.MAX_COMMANDS_PER_COMMIT,
            2L * MatchingHandler.MAX_COMMANDS_PER_COMMIT),
            releases.subList(releases.size() - 2, releases.size()));
        handler.closeJournal();
        assertEquals(2L * MatchingHandler.MAX_COMMANDS_PER_COMMIT, writer.forcedSequence());
    }
}
