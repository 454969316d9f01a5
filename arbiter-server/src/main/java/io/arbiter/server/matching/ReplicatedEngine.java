package io.arbiter.server.matching;

import io.arbiter.engine.Command;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.marketdata.MarketDataPublisher;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.sequencer.SessionQuery;

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
     * Receives the answers to queries ({@link #submitQuery}), after {@link TicketListener#onReportsOf} named the
     * query's ticket, and the balance changes of accounts, with their asset names.
     */
    interface AnswerListener
    {
        /**
         * One open order of an answer, in ascending order id.
         *
         * @param orderId      the order's exchange id.
         * @param instrumentId its instrument (the node's id).
         * @param side         its side.
         * @param orderType    its order type.
         * @param timeInForce  its time in force.
         * @param stp          its self-trade prevention.
         * @param price        its limit price in units.
         * @param stopPrice    its stop price in units.
         * @param remaining    its remaining quantity, hidden part included.
         * @param display      its display quantity.
         * @param expiryMs     its expiry, epoch ms, or {@link Command#NO_TIME}.
         * @param last         the answer's last page.
         * @param more         more orders follow a next query after this one's order id.
         */
        void onOpenOrder(long orderId, int instrumentId, Side side, OrderType orderType, TimeInForce timeInForce,
            SelfTradePrevention stp, long price, long stopPrice, long remaining, long display, long expiryMs,
            boolean last, boolean more);

        /**
         * One non-zero balance of an answer, in asset order.
         *
         * @param asset     the asset's name.
         * @param available available amount.
         * @param held      held amount.
         * @param last      the answer's last page.
         */
        void onBalanceEntry(String asset, long available, long held, boolean last);

        /**
         * The answer is empty.
         */
        void onNoEntries();

        /**
         * An account's balance of an asset changed.
         *
         * @param account   whose balance.
         * @param asset     the asset's name.
         * @param available available amount.
         * @param held      held amount.
         */
        void onBalance(long account, String asset, long available, long held);

        /**
         * The outcome of an operator command this node sent ({@link #submitOperator}), once per shard it went to.
         *
         * @param refused   whether the shard's engine refused it (a field out of range or naming nothing defined).
         * @param result    the engine's result: DEPOSIT, WITHDRAW 1 applied or 0 refused for the amount; DISABLE the
         *                  orders cancelled; else 0.
         * @param sequence  the shard's sequence of the command.
         * @param available DEPOSIT, WITHDRAW: the account's available amount of the asset after it, else 0.
         * @param held      DEPOSIT, WITHDRAW: the account's held amount of the asset after it, else 0.
         */
        default void onOperatorResult(
            final boolean refused, final long result, final long sequence, final long available, final long held)
        {
        }
    }

    /**
     * Receive query answers and balance changes (control plane, before {@link #connect}).
     *
     * @param listener the receiver.
     */
    default void answers(final AnswerListener listener)
    {
    }

    /**
     * Send a session's read-only query to the cluster under a ticket ({@link TicketListener#onSubmitted}); its answer
     * arrives through the {@link AnswerListener} once the cluster reached it in its log, in order with the commands
     * submitted before it. The open-orders answer holds the account's orders sent through this node.
     *
     * @param type         OPEN_ORDERS or BALANCES.
     * @param account      the session's account.
     * @param instrumentId open orders of this instrument only, or {@link SessionQuery#ALL_INSTRUMENTS}.
     * @param afterOrderId open orders with a larger (unsigned) exchange order id only.
     * @return false if it cannot be sent now (too many commands in flight) or is not served.
     */
    default boolean submitQuery(
        final SessionQuery.Type type, final long account, final int instrumentId, final long afterOrderId)
    {
        return false;
    }

    /**
     * Send an operator command through the cluster's log under a ticket per shard it goes to
     * ({@link TicketListener#onSubmitted}); each shard's outcome arrives through
     * {@link AnswerListener#onOperatorResult}. HALT, RESUME, DELIST, BAND, FEES and LIMITS go to the instrument's
     * shard, DEPOSIT and WITHDRAW to the shard that holds the asset's balances (named by the pair when several shards
     * trade the asset), DISABLE and ENABLE to every shard.
     *
     * @param command          the command with the node's instrument id (DEPOSIT, WITHDRAW: asset id -1); changed.
     * @param asset            DEPOSIT, WITHDRAW: the asset's name, else null.
     * @param pairInstrumentId DEPOSIT, WITHDRAW: the node's id of the pair whose shard holds the balance, or -1.
     * @return the number of shards it went to, 0 if it cannot be sent now (too many commands in flight).
     * @throws IllegalArgumentException if the command cannot be routed (an asset traded on several shards and no
     *                                  pair named), with the reason.
     * @throws UnsupportedOperationException if this engine takes no operator commands.
     */
    default int submitOperator(final Command command, final String asset, final int pairInstrumentId)
    {
        throw new UnsupportedOperationException("this replicated engine takes no operator commands");
    }

    /**
     * @return true if {@link #submitQuery} serves queries.
     */
    default boolean servesQueries()
    {
        return false;
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
