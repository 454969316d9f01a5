package io.arbiter.journal;

import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.NoOpExecutionListener;
import io.arbiter.engine.Prices;
import io.arbiter.engine.support.CommandGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.arbiter.journal.JournalTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

class SnapshotRecoveryTest
{
    private static final long SEED = 20_240_611L;

    @TempDir
    Path dir;

    private JournalContext context()
    {
        return new JournalContext().dataDir(dir).durability(DurabilityPolicy.NONE).snapshotsToKeep(3);
    }

    @Test
    void shouldRecoverSameStateHashFromSnapshotPlusTailAsFromFullReplayAndTheOriginalEngine()
    {
        final JournalContext context = context().segmentSize(4L * 1024 * 1024);
        final MatchingEngine original = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE, 1 << 16);
        final CommandGenerator generator = CommandGenerator.standalone(SEED);
        final SnapshotWriter snapshots = new SnapshotWriter(context);
        long last;
        try (JournalWriter writer = new JournalWriter(context, 0))
        {
            last = drive(writer, original, generator, 100_000, 64);
            snapshots.write(original, last);
            last = drive(writer, original, generator, 100_000, 64);
            snapshots.write(original, last);
            last = drive(writer, original, generator, 100_000, 64);
        }
        assertEquals(300_000, last);
        assertTrue(original.openOrderCount() > 1_000, "the stream should leave a deep book");
        assertTrue(original.tradeCount() > 10_000, "the stream should trade");
        assertTrue(JournalFiles.segments(dir).size() > 3, "should span segments");
        final long originalHash = original.stateHash();

        final MatchingEngine fromSnapshot = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE, 1 << 16);
        final RecoveryResult recovered = new Recovery(context).recover(fromSnapshot);
        assertEquals(200_000, recovered.snapshotSequence());
        assertEquals(100_000, recovered.replayedCount());
        assertEquals(last, recovered.lastSequence());
        assertEquals(originalHash, fromSnapshot.stateHash());

        final MatchingEngine fromScratch = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE, 1 << 16);
        final RecoveryResult full = new Recovery(context).useSnapshots(false).recover(fromScratch);
        assertNull(full.snapshot());
        assertEquals(300_000, full.replayedCount());
        assertEquals(originalHash, fromScratch.stateHash());
        assertEquals(original.tradeCount(), fromScratch.tradeCount());
    }

    @Test
    void shouldRestoreSnapshotIntoEngineWithoutInstruments()
    {
        final JournalContext context = context();
        final MatchingEngine original = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final long last;
        try (JournalWriter writer = new JournalWriter(context, 0))
        {
            last = drive(writer, original, CommandGenerator.standalone(SEED), 5_000, 8);
        }
        final Path file = new SnapshotWriter(context).write(original, last);

        final MatchingEngine empty = new MatchingEngine(new io.arbiter.engine.EngineContext(),
            NoOpExecutionListener.INSTANCE);
        final SnapshotInfo info = SnapshotLoader.load(file, empty);

        assertEquals(CommandGenerator.SYMBOLS.length, empty.instrumentCount());
        assertEquals("BBB", empty.instrument(1).symbol());
        assertEquals(original.openOrderCount(), info.orderCount());
        assertEquals(original.tradeCount(), info.tradeCount());
        assertEquals(original.stateHash(), empty.stateHash());
    }

    /**
     * The risk state of #18 is part of a snapshot file: assets, fees and limits, balances, holds, disabled accounts.
     */
    @Test
    void shouldRestoreBalancesHoldsAndAssetsFromASnapshotFile()
    {
        final MatchingEngine original = new MatchingEngine(new io.arbiter.engine.EngineContext(),
            NoOpExecutionListener.INSTANCE);
        final int pair = original.addInstrument("BTC-USD", Prices.parse("0.01"), 1, "BTC", "USD").id();
        original.addInstrument("PLAIN", Prices.parse("0.01"), 1);
        final int usd = original.riskControls().assetId("USD");
        original.riskControls().fees(pair, 5, 15);
        original.riskControls().limits(pair, 100, Prices.parse("50000"));
        original.riskControls().deposit(3, usd, Prices.parse("1000"));
        original.riskControls().deposit(4, usd, Prices.parse("10"));
        original.riskControls().disable(4);
        original.riskControls().endControlCommand();
        original.onCommand(new io.arbiter.engine.Command().newOrder(1, 3, pair, io.arbiter.engine.Side.BUY,
            io.arbiter.engine.OrderType.LIMIT, io.arbiter.engine.TimeInForce.GTC, Prices.parse("100"), 2,
            io.arbiter.engine.SelfTradePrevention.NONE));
        assertEquals(Prices.parse("200.3"), original.balances().held(3, usd), "held: price, quantity and taker fee");

        final Path file = new SnapshotWriter(context()).write(original, 1);
        final MatchingEngine restored = new MatchingEngine(new io.arbiter.engine.EngineContext(),
            NoOpExecutionListener.INSTANCE);
        SnapshotLoader.load(file, restored);

        assertEquals(original.stateHash(), restored.stateHash());
        assertEquals("USD", restored.instrument(pair).quoteAsset());
        assertEquals(Prices.parse("799.7"), restored.balances().available(3, usd));
        assertEquals(Prices.parse("200.3"), restored.balances().held(3, usd));
        assertEquals(1, restored.openOrderCount());
    }

    @Test
    void shouldIgnoreLeftoverTempFileAndFallBackFromCorruptNewestSnapshot() throws IOException
    {
        final JournalContext context = context();
        final List<String> warnings = warnings(context);
        final MatchingEngine original = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final CommandGenerator generator = CommandGenerator.standalone(SEED);
        final SnapshotWriter snapshots = new SnapshotWriter(context);
        final Path older;
        final Path newer;
        try (JournalWriter writer = new JournalWriter(context, 0))
        {
            older = snapshots.write(original, drive(writer, original, generator, 3_000, 8));
            newer = snapshots.write(original, drive(writer, original, generator, 3_000, 8));
            drive(writer, original, generator, 3_000, 8);
        }
        final Path temp = dir.resolve(SnapshotDescriptor.snapshotFileName(9_000) + ".tmp");
        Files.write(temp, new byte[] {1, 2, 3});
        flipByte(newer, Files.size(newer) / 2);

        final MatchingEngine recovered = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final RecoveryResult result = new Recovery(context).recover(recovered);

        assertEquals(older, result.snapshot().file());
        assertEquals(3_000, result.snapshotSequence());
        assertEquals(6_000, result.replayedCount());
        assertEquals(original.stateHash(), recovered.stateHash());
        assertEquals(1, result.skippedSnapshots().size());
        assertTrue(result.skippedSnapshots().get(0).contains(newer.toString()) &&
            result.skippedSnapshots().get(0).contains("checksum mismatch"), result.skippedSnapshots().toString());
        assertFalse(Files.exists(temp));
        assertTrue(warnings.stream().anyMatch(w -> w.contains(temp.toString())), warnings.toString());
    }

    @Test
    void shouldRejectTruncatedSnapshot() throws IOException
    {
        final JournalContext context = context();
        final MatchingEngine original = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final long last;
        try (JournalWriter writer = new JournalWriter(context, 0))
        {
            last = drive(writer, original, CommandGenerator.standalone(SEED), 2_000, 8);
        }
        final Path file = new SnapshotWriter(context).write(original, last);
        truncate(file, Files.size(file) - 3);

        final JournalCorruptedException ex =
            assertThrows(JournalCorruptedException.class, () -> SnapshotLoader.verify(file));

        assertEquals(file, ex.file());
        assertTrue(ex.getMessage().contains("end magic"), ex.getMessage());
    }

    @Test
    void shouldRejectSnapshotWhoseInstrumentsDifferFromConfiguration()
    {
        final JournalContext context = context();
        final MatchingEngine original = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final Path file = new SnapshotWriter(context).write(original, 0);
        final MatchingEngine other = new MatchingEngine(new io.arbiter.engine.EngineContext(),
            NoOpExecutionListener.INSTANCE);
        other.addInstrument("AAA", CommandGenerator.TICK, CommandGenerator.LOT);
        other.addInstrument("BBB", Prices.UNIT, CommandGenerator.LOT);
        other.addInstrument("CCC", CommandGenerator.TICK, CommandGenerator.LOT);

        final IllegalStateException ex =
            assertThrows(IllegalStateException.class, () -> SnapshotLoader.load(file, other));

        assertTrue(ex.getMessage().contains("BBB"), ex.getMessage());
    }

    @Test
    void shouldContinueAfterSnapshotWhenTheJournalEndsBeforeIt()
    {
        final JournalContext context = context();
        final MatchingEngine original = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final CommandGenerator generator = CommandGenerator.standalone(SEED);
        long last;
        try (JournalWriter writer = new JournalWriter(context, 0))
        {
            last = drive(writer, original, generator, 500, 8);
        }
        new SnapshotWriter(context).write(original, last + 10);
        try (JournalWriter writer = new JournalWriter(context, last + 10))
        {
            assertEquals(JournalDescriptor.segmentFileName(last + 11), writer.segment().getFileName().toString());
            last = drive(writer, original, generator, 500, 8);
        }

        final MatchingEngine recovered = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final RecoveryResult result = new Recovery(context).recover(recovered);

        assertEquals(last, result.lastSequence());
        assertEquals(original.stateHash(), recovered.stateHash());
        assertThrows(JournalCorruptedException.class, () -> new Recovery(context).useSnapshots(false)
            .recover(CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE)));
    }
}
