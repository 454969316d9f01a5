package io.arbiter.server;

import io.arbiter.engine.CommandType;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.journal.JournalContext;
import io.arbiter.journal.JournalWriter;
import io.arbiter.journal.Recovery;
import io.arbiter.journal.RecoveryResult;
import io.arbiter.journal.SnapshotWriter;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.matching.CommandJournal;
import io.arbiter.server.matching.MatchingHandler;
import io.arbiter.server.matching.RecoveryDescription;
import io.arbiter.server.sequencer.CommandRing;
import io.arbiter.server.sequencer.ControlRequest;
import io.arbiter.server.sequencer.OperatorCommand;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The journal of an {@link ArbiterNode}'s matching side: start-up recovery and the {@link CommandJournal} handed to
 * the {@link MatchingHandler}, the configured fees journaled at start, the control ticks that force and snapshot,
 * and the latch the matching thread counts down once it has closed the journal (or, in cluster mode, the cluster's
 * client). Used by the node's control-plane thread, except {@link #onClosed()} (the matching thread).
 */
final class NodeJournal
{
    /** How long start-up waits for the matching thread to journal a configured fee: far beyond a working disk. */
    private static final long CONFIGURED_FEES_TIMEOUT_S = 60;

    private final ServerContext context;
    private RecoveryResult recovery;
    private ScheduledFuture<?> journalTick;
    private final CountDownLatch journalClosed = new CountDownLatch(1);
    private final ControlRequest tickRequest = new ControlRequest(ControlRequest.Type.TICK);

    /**
     * @param context the node's configuration.
     */
    NodeJournal(final ServerContext context)
    {
        this.context = context;
    }

    /**
     * Make the matching thread count down the journal's latch once it has closed the journal, then, with the journal
     * on, recover the engine from {@code data.dir} and give the handler its {@link CommandJournal}.
     */
    void start(final MatchingHandler matchingHandler)
    {
        matchingHandler.onShutdownAction(() ->
        {
            try
            {
                matchingHandler.closeJournal();
            }
            finally
            {
                journalClosed.countDown();
            }
        });
        if (!context.journalEnabled())
        {
            log("journal disabled (journal.enabled=false): nothing is durable, restart begins with an empty book");
            return;
        }
        final JournalContext journalContext = ArbiterNode.journalContext(context);
        recovery = new Recovery(journalContext).listener(matchingHandler.ownership()).recover(matchingHandler.engine());
        log(RecoveryDescription.describe(
            recovery, journalContext.dataDir(), matchingHandler, context.journalDurability()));
        final JournalWriter writer = new JournalWriter(journalContext, recovery.lastSequence());
        matchingHandler.journal(new CommandJournal(
            writer,
            new SnapshotWriter(journalContext).clientOrderIds(matchingHandler::clientOrderId),
            context.snapshotIntervalCommands(),
            TimeUnit.SECONDS.toNanos(context.snapshotIntervalSeconds()),
            recovery.snapshotSequence(),
            NodeJournal::log));
    }

    /**
     * Configured fees become a journaled FEES command when they differ from the recovered ones (a fresh journal has
     * none), so that the journal alone rebuilds the fees on replay and a changed configuration takes effect.
     */
    void journalConfiguredFees(final MatchingHandler matchingHandler, final CommandRing sequencer)
    {
        final MatchingEngine engine = matchingHandler.engine();
        for (final InstrumentConfig instrument : context.instruments())
        {
            final int id = engine.instrumentId(instrument.symbol());
            if (!instrument.fees() || id < 0 || engine.risk().makerBps(id) == instrument.makerBps() &&
                engine.risk().takerBps(id) == instrument.takerBps())
            {
                continue;
            }
            final ControlRequest request = new ControlRequest(ControlRequest.Type.OPERATOR, new OperatorCommand(
                CommandType.FEES, instrument.symbol(), 0, null, instrument.makerBps(), instrument.takerBps(), null,
                null));
            if (!sequencer.tryPublishControl(request))
            {
                throw new IllegalStateException("ring full while journaling the fees of " + instrument.symbol());
            }
            try
            {
                request.result().get(CONFIGURED_FEES_TIMEOUT_S, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while journaling configured fees", ex);
            }
            catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex)
            {
                throw new IllegalStateException("could not journal the fees of " + instrument.symbol(), ex);
            }
            log("fees of " + instrument.symbol() + " set from the configuration: maker " + instrument.makerBps() +
                " bps, taker " + instrument.takerBps() + " bps (journaled)");
        }
    }

    /**
     * Schedule the journal's control ticks (forces under {@code interval}, due snapshots) on one of the gateway's
     * event loops; local mode ({@code matchingHandler} not null) with the journal on only.
     */
    void scheduleTick(final EventLoopGroup group, final MatchingHandler matchingHandler, final CommandRing sequencer)
    {
        if (!context.journalEnabled() || matchingHandler == null)
        {
            return;
        }
        long periodMs = 0;
        if (context.journalDurability() == io.arbiter.journal.DurabilityPolicy.INTERVAL)
        {
            periodMs = context.journalForceIntervalMs();
        }
        if (context.snapshotIntervalSeconds() > 0)
        {
            periodMs = periodMs == 0 ? 1000 : Math.min(periodMs, 1000);
        }
        if (periodMs > 0)
        {
            journalTick = group.next().scheduleAtFixedRate(
                () -> sequencer.tryPublishControl(tickRequest), periodMs, periodMs, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Cancel the journal's ticks, if scheduled.
     */
    void cancelTick()
    {
        if (journalTick != null)
        {
            journalTick.cancel(false);
        }
    }

    /**
     * The matching thread has closed the journal (or the cluster's client).
     */
    void onClosed()
    {
        journalClosed.countDown();
    }

    /**
     * Wait for the matching thread to close the journal; log a warning if it does not in time.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    void awaitClosed(final long timeoutMs) throws InterruptedException
    {
        if (!journalClosed.await(Math.max(1, timeoutMs), TimeUnit.MILLISECONDS))
        {
            log("warning: the matching thread did not close the journal within " + timeoutMs + " ms");
        }
    }

    /**
     * @return what start-up recovery found, or null when the journal is disabled.
     */
    RecoveryResult recovery()
    {
        return recovery;
    }

    /**
     * Write a line of the journal's log to standard error.
     */
    static void log(final String line)
    {
        System.err.println("arbiter journal: " + line);
        System.err.flush();
    }
}
