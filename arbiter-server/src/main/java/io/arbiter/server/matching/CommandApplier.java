package io.arbiter.server.matching;

import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.TimeInForce;
import io.arbiter.journal.JournalDescriptor;
import io.arbiter.marketdata.MarketDataPublisher;
import io.arbiter.server.egress.RejectCode;
import io.arbiter.server.egress.ReplyGate;
import io.arbiter.server.metrics.ServerMetrics;
import io.arbiter.server.sequencer.CommandEvent;

/**
 * The command path of {@link MatchingHandler}: checks a session's command against the live state
 * ({@link OrderOwnership}), numbers and journals it ({@link CommandJournal}), applies it to the engine, and commits the
 * journal before the {@link ReportRouter} flushes the reports. It holds the node's stop state: once the journal failed
 * or applying a journaled command threw, the reply gate is frozen and only NODE_STOPPED rejects leave. Matching thread
 * only, except {@link #diverged()} and {@link #acceptingOrders()}; steady state allocates nothing.
 */
final class CommandApplier
{
    private final MatchingEngine engine;
    private final OrderOwnership ownership;
    private final ReportRouter router;
    private final MarketDataPublisher marketData;
    private final BatchStamps stamps;
    private final Command clockCommand = new Command();
    private CommandJournal journal = new CommandJournal(0);
    private ReplyGate gate = ReplyGate.OPEN;
    private ServerMetrics metrics;
    private long batchTimestampNs;
    private int uncommittedCommands;
    private boolean stopped;
    private volatile boolean diverged;

    /**
     * @param engine     runs the commands.
     * @param ownership  the node's checks and the owners of open orders.
     * @param router     the engine's listener; sends the reports to the sessions.
     * @param marketData told of each applied command's sequence; null for none.
     * @param stamps     times the journal's commit.
     */
    CommandApplier(
        final MatchingEngine engine,
        final OrderOwnership ownership,
        final ReportRouter router,
        final MarketDataPublisher marketData,
        final BatchStamps stamps)
    {
        this.engine = engine;
        this.ownership = ownership;
        this.router = router;
        this.marketData = marketData;
        this.stamps = stamps;
    }

    void journal(final CommandJournal journal)
    {
        this.journal = journal;
    }

    CommandJournal journal()
    {
        return journal;
    }

    void gate(final ReplyGate gate)
    {
        this.gate = gate;
    }

    ReplyGate gate()
    {
        return gate;
    }

    void metrics(final ServerMetrics metrics)
    {
        this.metrics = metrics;
    }

    void batchTimestampNs(final long batchTimestampNs)
    {
        this.batchTimestampNs = batchTimestampNs;
    }

    long batchTimestampNs()
    {
        return batchTimestampNs;
    }

    int uncommittedCommands()
    {
        return uncommittedCommands;
    }

    boolean stopped()
    {
        return stopped;
    }

    boolean diverged()
    {
        return diverged;
    }

    boolean acceptingOrders()
    {
        return !diverged && !journal.failed();
    }

    /**
     * Hand the reports of the commands since the last hand-off to egress, gated on the journal's last sequence: they
     * leave once the journal writer has made it durable. Once the journal failed or the engine diverged, the reports
     * not yet handed over are dropped, and from then on only NODE_STOPPED rejects are sent (released at once).
     */
    void commitAndFlush()
    {
        stamps.settleMatchEnd();
        final boolean timed = stamps.stamping() && uncommittedCommands > 0 && journal.enabled();
        uncommittedCommands = 0;
        final long commitStartNs = timed ? System.nanoTime() : 0;
        if (stopped)
        {
            router.flush(ReplyGate.RELEASE_NOW);
            return;
        }
        final boolean committed = journal.commit(batchTimestampNs);
        if (timed)
        {
            stamps.onJournalCommitted(commitStartNs, System.nanoTime());
        }
        if (committed)
        {
            router.flush(journal.lastSequence());
        }
        else
        {
            stopped = true;
            gate.freeze(journal.committedSequence());
            router.discard();
        }
    }

    /**
     * Journal and apply a TIME command with the batch's epoch milliseconds if the engine's clock is behind it: on
     * every {@link io.arbiter.server.sequencer.EventKind#CLOCK} while good-till-date orders are open, and before every
     * good-till-date order, so that an expiry already past by the node's clock is rejected at once (INVALID_EXPIRY)
     * however long the engine's clock stood still while no such order was open.
     */
    void advanceClock()
    {
        final long nowMs = batchTimestampNs / 1_000_000L;
        if (nowMs <= engine.clock() || stopped || !acceptingOrders())
        {
            return;
        }
        clockCommand.clock(nowMs).timestampNs(batchTimestampNs);
        if (journalCommand(clockCommand, false, JournalDescriptor.NO_CLIENT_ORDER_ID))
        {
            apply(clockCommand, null, 0);
        }
    }

    boolean journalCommand(final Command command, final boolean newOrder, final long clientOrderId)
    {
        uncommittedCommands++;
        // the journal's appends are counted where they are appended (JournalHandler), not here a second time
        return journal.append(command, newOrder, clientOrderId);
    }

    /**
     * Check, journal and apply a live session's command; a command of a session that is gone is dropped.
     */
    void onEngineCommand(final CommandEvent event)
    {
        final SessionState session = ownership.liveSession(event.sessionId());
        if (session == null)
        {
            return;
        }
        final Command command = event.command();
        final long clientOrderId = event.clientOrderId();
        if (command.type() == CommandType.NEW && command.timeInForce() == TimeInForce.GTD)
        {
            advanceClock();
        }
        command.timestampNs(batchTimestampNs).account(session.account);
        router.beginCommand(session, clientOrderId, event.clientTimestampNs(), command.instrumentId());
        if (stopped || journal.failed())
        {
            router.reject(session, clientOrderId, command.type(), RejectCode.NODE_STOPPED);
        }
        else if (command.type() == CommandType.NEW)
        {
            final RejectCode refused = ownership.checkNewOrder(session, clientOrderId);
            if (refused != null)
            {
                router.reject(session, clientOrderId, CommandType.NEW, refused);
            }
            else if (journalCommand(command, true, clientOrderId))
            {
                apply(command, session, clientOrderId);
            }
        }
        else if (command.type() == CommandType.MASS_CANCEL)
        {
            // the gateway wrote the session's own account (set again above): a client cancels only its own orders
            if (journalCommand(command, false, JournalDescriptor.NO_CLIENT_ORDER_ID))
            {
                apply(command, null, clientOrderId);
            }
        }
        else
        {
            final long exchangeOrderId = ownership.exchangeOrderId(session, clientOrderId);
            if (exchangeOrderId == OrderOwnership.NO_ORDER)
            {
                router.reject(session, clientOrderId, command.type(), RejectCode.UNKNOWN_CLIENT_ORDER_ID);
            }
            else
            {
                command.orderId(exchangeOrderId);
                if (journalCommand(command, false, clientOrderId))
                {
                    apply(command, null, clientOrderId);
                }
            }
        }
        router.endCommand();
    }

    /**
     * Apply a journaled command: record a NEW order's owner ({@code newOrderOwner}, null for any other command), then
     * run the engine. If either throws, the journal and the live state may now disagree: the node stops taking
     * orders, and the gate never releases the reports of this command or any later one.
     */
    void apply(final Command command, final SessionState newOrderOwner, final long clientOrderId)
    {
        try
        {
            if (newOrderOwner != null)
            {
                ownership.onNewOrder(newOrderOwner, clientOrderId, command.orderId());
            }
            if (marketData != null)
            {
                marketData.beginCommand(command.sequence(), command.timestampNs());
            }
            engine.onCommand(command);
        }
        catch (final RuntimeException ex)
        {
            diverged = true;
            gate.freeze(command.sequence() - 1);
            journal.fail("applying journaled command " + command.sequence() + " threw " + ex +
                ": the engine may differ from the journal");
            if (metrics != null)
            {
                metrics.onEngineFailure();
            }
        }
    }
}
