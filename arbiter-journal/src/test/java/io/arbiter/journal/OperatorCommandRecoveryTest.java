package io.arbiter.journal;

import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.Instrument;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.NoOpExecutionListener;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.engine.support.CommandGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.arbiter.journal.JournalTestSupport.drive;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The operator's commands (runtime instruments, deposits and withdrawals, fees, limits, the kill switch) and TIME are
 * journaled like orders: a full replay and a snapshot plus replay rebuild the live engine exactly (same state hash,
 * balances, disabled accounts and runtime instruments).
 */
class OperatorCommandRecoveryTest
{
    private static final long SEED = 77_001L;
    private static final long BUYER = 101;
    private static final long SELLER = 102;
    private static final long KILLED = 103;

    @TempDir
    Path dir;

    private final Command command = new Command();
    private JournalWriter writer;
    private MatchingEngine live;

    private JournalContext context()
    {
        return new JournalContext().dataDir(dir).durability(DurabilityPolicy.NONE).snapshotsToKeep(3);
    }

    @Test
    void shouldRebuildRuntimeInstrumentsBalancesAndDisabledAccountsFromSnapshotAndFromFullReplay()
    {
        final JournalContext context = context();
        live = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final CommandGenerator generator = CommandGenerator.standalone(SEED);
        final SnapshotWriter snapshots = new SnapshotWriter(context);
        final long snapshotSequence;
        try (JournalWriter journal = new JournalWriter(context, 0))
        {
            writer = journal;
            drive(journal, live, generator, 2_000, 16);
            apply(command.defineInstrument("BTC-USD", Prices.UNIT / 100, 1, "BTC", "USD"));
            final int btc = (int)live.lastOperatorResult();
            assertEquals(CommandGenerator.SYMBOLS.length, btc, "the runtime instrument follows the configured ones");
            final int usd = live.riskControls().assetId("USD");
            final int base = live.riskControls().assetId("BTC");
            apply(command.funds(CommandType.DEPOSIT, BUYER, usd, 1_000_000 * Prices.UNIT));
            apply(command.funds(CommandType.DEPOSIT, SELLER, base, 50 * Prices.UNIT));
            apply(command.fees(btc, -1, 5));
            apply(command.limits(btc, 1_000, 0));
            order(1_000_001, SELLER, btc, Side.SELL, 100 * Prices.UNIT, 10, TimeInForce.GTC, -1);
            order(1_000_002, BUYER, btc, Side.BUY, 100 * Prices.UNIT, 4, TimeInForce.GTC, -1);
            order(1_000_003, BUYER, btc, Side.BUY, 90 * Prices.UNIT, 2, TimeInForce.GTD, 500);
            apply(command.funds(CommandType.WITHDRAW, BUYER, usd, 2_000_000 * Prices.UNIT));
            assertEquals(0, live.lastOperatorResult(), "a withdrawal beyond the balance changes nothing");
            order(1_000_004, KILLED, 0, Side.BUY, Prices.UNIT, CommandGenerator.LOT, TimeInForce.GTC, -1);
            apply(command.accountCommand(CommandType.DISABLE, KILLED));
            assertEquals(1, live.lastOperatorResult());
            drive(journal, live, generator, 1_000, 16);
            snapshotSequence = journal.lastSequence();
            snapshots.write(live, snapshotSequence);
            apply(command.defineInstrument("ETH-USD", Prices.UNIT / 100, 1, "ETH", "USD"));
            apply(command.funds(CommandType.WITHDRAW, SELLER, base, Prices.UNIT));
            assertEquals(1, live.lastOperatorResult());
            apply(command.clock(1_000));
            apply(command.accountCommand(CommandType.ENABLE, KILLED));
            apply(command.accountCommand(CommandType.DISABLE, SELLER));
            drive(journal, live, generator, 1_000, 16);
        }
        assertEquals(0, live.gtdOrderCount(), "the GTD order expired at TIME 1000");
        assertTrue(live.balances().isDisabled(SELLER));
        final long liveHash = live.stateHash();

        final MatchingEngine fromSnapshot = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final RecoveryResult recovered = new Recovery(context).recover(fromSnapshot);
        assertEquals(snapshotSequence, recovered.snapshotSequence());
        assertEquals(liveHash, fromSnapshot.stateHash());
        assertRuntimeState(fromSnapshot);

        final MatchingEngine fromScratch = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        new Recovery(context).useSnapshots(false).recover(fromScratch);
        assertEquals(liveHash, fromScratch.stateHash());
        assertRuntimeState(fromScratch);
    }

    @Test
    void shouldRefuseSnapshotWhoseInstrumentsDifferFromTheConfiguredPrefix()
    {
        final JournalContext context = context();
        live = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final long last;
        try (JournalWriter journal = new JournalWriter(context, 0))
        {
            writer = journal;
            apply(command.defineInstrument("BTC-USD", Prices.UNIT / 100, 1, "BTC", "USD"));
            last = journal.lastSequence();
        }
        final Path file = new SnapshotWriter(context).write(live, last);
        final MatchingEngine reordered = new MatchingEngine(new io.arbiter.engine.EngineContext(),
            NoOpExecutionListener.INSTANCE);
        reordered.addInstrument("BBB", Prices.UNIT / 100, 1);
        final IllegalStateException refused =
            assertThrows(IllegalStateException.class, () -> SnapshotLoader.load(file, reordered));
        assertTrue(refused.getMessage().contains("differs"), refused.getMessage());

        final MatchingEngine empty = new MatchingEngine(new io.arbiter.engine.EngineContext(),
            NoOpExecutionListener.INSTANCE);
        SnapshotLoader.load(file, empty);
        assertEquals(live.stateHash(), empty.stateHash());
        assertEquals("USD", empty.instrument(CommandGenerator.SYMBOLS.length).quoteAsset());
    }

    private void assertRuntimeState(final MatchingEngine engine)
    {
        final int btc = engine.instrumentId("BTC-USD");
        final Instrument instrument = engine.instrument(btc);
        assertEquals("BTC", instrument.baseAsset());
        assertEquals("USD", instrument.quoteAsset());
        assertTrue(engine.instrumentId("ETH-USD") > btc);
        assertEquals(-1, engine.risk().makerBps(btc));
        assertEquals(5, engine.risk().takerBps(btc));
        assertEquals(1_000, engine.risk().maxQuantity(btc));
        final int usd = engine.riskControls().assetId("USD");
        assertEquals(live.balances().available(BUYER, usd), engine.balances().available(BUYER, usd));
        assertEquals(live.balances().held(BUYER, usd), engine.balances().held(BUYER, usd));
        assertTrue(engine.balances().available(BUYER, engine.riskControls().assetId("BTC")) > 0, "the buyer bought");
        assertFalse(engine.balances().isDisabled(KILLED));
        assertTrue(engine.balances().isDisabled(SELLER));
        assertEquals(1_000, engine.clock());
    }

    private void order(
        final long orderId, final long account, final int instrumentId, final Side side, final long price,
        final long quantity, final TimeInForce tif, final long expire)
    {
        command.newOrder(orderId, account, instrumentId, side, OrderType.LIMIT, tif, price, quantity,
            SelfTradePrevention.NONE).time(expire);
        apply(command);
    }

    private void apply(final Command next)
    {
        next.sequence(writer.lastSequence() + 1).timestampNs(next.sequence());
        assertTrue(writer.append(next));
        writer.commit(next.timestampNs());
        live.onCommand(next);
    }
}
