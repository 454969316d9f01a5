package io.arbiter.server.matching;

import io.arbiter.engine.Command;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.marketdata.MarketDataPublisher;
import io.arbiter.server.config.InstrumentConfig;

import java.util.List;

/**
 * The matching engine as a replicated service that a node in cluster mode fronts instead of its local engine and
 * journal (implemented by the cluster module's client). The node's matching thread submits each session command,
 * already checked against the node's ownership rules, and polls for the reports of committed commands, which arrive
 * as the engine's {@link ExecutionListener} calls. Each submitted command gets a ticket (a small index the
 * implementation gives out again only once the command it named has been applied), so the node can keep the
 * command's session context by ticket. Single threaded: the node's matching thread calls everything after
 * {@link #connect}.
 */
public interface ReplicatedEngine extends AutoCloseable
{
    /** The ticket of reports that belong to no command of this node (a timer's expiry, another gateway's command). */
    int NO_TICKET = -1;

    /**
     * Receives the tickets of submitted commands and says which command the reports that follow belong to.
     */
    interface TicketListener
    {
        /**
         * A command was handed to the cluster under this ticket (once per command sent: a mass cancel of every
         * instrument over several shards is one command per shard).
         *
         * @param ticket below {@link #ticketCapacity()}.
         */
        void onSubmitted(int ticket);

        /**
         * The reports that follow, until the next call, belong to the command of this ticket.
         *
         * @param ticket the command's ticket, or {@link #NO_TICKET}.
         */
        void onReportsOf(int ticket);
    }

    /**
     * @return the instruments the cluster trades, in the order of the instrument ids the node uses (control plane).
     */
    List<InstrumentConfig> instruments();

    /**
     * @return tickets are below this.
     */
    int ticketCapacity();

    /**
     * Feed the node's market-data stage from the cluster (control plane, before {@link #connect}): the public trades
     * and level changes of every instrument, under the node's instrument ids, written on the polling thread after the
     * book of every instrument as the cluster had it when asked ({@link #connect} waits for it).
     *
     * @param publisher the feed's writer, active.
     * @throws UnsupportedOperationException if this engine has no market data.
     */
    default void marketData(final MarketDataPublisher publisher)
    {
        throw new UnsupportedOperationException("this replicated engine has no market data");
    }

    /**
     * Connect to the cluster (blocking, control plane) and wait until it answered, so the node's numbering goes on
     * after the cluster's.
     *
     * @param reports receives the reports of committed commands (on the polling thread).
     * @param tickets receives tickets and report ownership.
     * @param timeoutMs how long to wait for the cluster.
     * @throws IllegalStateException if the cluster did not answer in time.
     */
    void connect(ExecutionListener reports, TicketListener tickets, long timeoutMs);

    /**
     * Submit a command of a session. A NEW's order id is set in {@code command} (it is known at once).
     *
     * @param command NEW, CANCEL, REPLACE or MASS_CANCEL with the node's instrument id; changed in place.
     * @return false if refused and nothing was sent: too many commands not yet applied, or a command type or
     *         instrument the cluster does not take.
     */
    boolean submit(Command command);

    /**
     * One duty cycle: deliver the reports that arrived, send pending commands, resynchronise after a failover.
     *
     * @param nowNs {@link System#nanoTime()}.
     * @return work done, 0 when idle.
     */
    int doWork(long nowNs);

    /**
     * @return commands submitted and not yet known to be applied.
     */
    long unappliedCount();

    /**
     * Close the connection (control plane).
     */
    @Override
    void close();
}
