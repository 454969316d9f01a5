package io.arbiter.server.matching;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.EventKind;
import io.arbiter.server.sequencer.SessionRegistration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster-mode handler against a stand-in cluster that applies the submitted commands to a real engine only when
 * polled: reports reach the owning session only after the command was applied, with its client order id, the node's
 * own checks answer without the cluster, a full cluster answers BUSY, a closed session's orders are cancelled through
 * the cluster.
 */
class ReplicatedMatchingHandlerTest
{
    private static final long PX_100 = 100 * Prices.UNIT;

    private final RecordingEgress egressA = new RecordingEgress();
    private final RecordingEgress egressB = new RecordingEgress();
    private final CommandEvent event = new CommandEvent();
    private StandInCluster cluster;
    private ReplicatedMatchingHandler handler;
    private long sequence;

    @BeforeEach
    void setUp()
    {
        start(8);
    }

    private void start(final int tickets)
    {
        cluster = new StandInCluster(tickets);
        handler = new ReplicatedMatchingHandler(cluster, 256, 3, true, () -> 42L).connect(1_000);
        open(1, 10, egressA);
        open(2, 20, egressB);
    }

    private void open(final long sessionId, final long account, final RecordingEgress egress)
    {
        event.kind(EventKind.SESSION_OPENED).sessionId(sessionId)
            .registration(new SessionRegistration(sessionId, account, egress));
        handler.onEvent(event, sequence++, true);
    }

    private void limit(final long sessionId, final long clientId, final Side side, final long price, final long qty)
    {
        event.kind(EventKind.ENGINE_COMMAND).sessionId(sessionId).clientOrderId(clientId).registration(null);
        event.command().newOrder(
            0, 0, 0, side, OrderType.LIMIT, TimeInForce.GTC, price, qty, SelfTradePrevention.NONE);
        handler.onEvent(event, sequence++, true);
    }

    private void cancel(final long sessionId, final long clientId)
    {
        event.kind(EventKind.ENGINE_COMMAND).sessionId(sessionId).clientOrderId(clientId).registration(null);
        event.command().cancel(0, 0);
        handler.onEvent(event, sequence++, true);
    }

    /** The stand-in cluster commits what it has, the handler polls it while the ring is idle. */
    private void applied()
    {
        cluster.commit();
        handler.onTimeout(sequence);
    }

    @Test
    void shouldSendReportsOnlyOnceTheClusterAppliedTheCommandWithItsClientOrderId()
    {
        limit(1, 7, Side.BUY, PX_100, 5);
        handler.onTimeout(sequence);
        assertEquals(List.of(), egressA.flushed(), "nothing before the cluster applied it");
        assertEquals(1, cluster.submitted.size());

        applied();
        assertEquals(List.of("ACCEPTED c=7 x=1001"), egressA.flushed());

        limit(2, 9, Side.SELL, PX_100, 2);
        applied();
        assertEquals("FILL c=7 x=1001 t=1 BUY px=" + PX_100 + " q=2 leaves=3 maker", egressA.flushed().get(1));
        assertEquals(List.of("ACCEPTED c=9 x=1002", "FILL c=9 x=1002 t=1 SELL px=" + PX_100 + " q=2 leaves=0 taker"),
            egressB.flushed());

        cancel(1, 7);
        assertEquals(1001, cluster.submitted.get(2).orderId(), "the cancel names the cluster's order id");
        applied();
        assertEquals("CANCELED c=7 x=1001 q=3 USER", egressA.flushed().get(2));
    }

    @Test
    void shouldAnswerTheNodesOwnChecksWithoutTheCluster()
    {
        limit(1, 7, Side.BUY, PX_100, 5);
        limit(1, 7, Side.BUY, PX_100, 5);
        cancel(1, 99);
        assertEquals(1, cluster.submitted.size(), "only the first order went to the cluster");
        assertEquals(List.of("REJECTED c=7 NEW DUPLICATE_CLIENT_ORDER_ID",
            "REJECTED c=99 CANCEL UNKNOWN_CLIENT_ORDER_ID"), egressA.flushed(), "the node's rejects leave at once");
    }

    @Test
    void shouldPassTheEnginesRejectToTheSenderAndForgetTheOrder()
    {
        limit(1, 7, Side.BUY, PX_100 + 1, 5);
        applied();
        assertEquals(List.of("REJECTED c=7 NEW INVALID_PRICE"), egressA.flushed());
        limit(1, 7, Side.BUY, PX_100, 5);
        applied();
        assertEquals("ACCEPTED c=7 x=1002", egressA.flushed().get(1), "the client order id is free again");
    }

    @Test
    void shouldAnswerBusyWhileTheClusterHasEveryTicketInFlight()
    {
        start(2);
        limit(1, 1, Side.BUY, PX_100, 1);
        limit(1, 2, Side.BUY, PX_100, 1);
        limit(1, 3, Side.BUY, PX_100, 1);
        assertEquals(List.of("REJECTED c=3 NEW BUSY"), egressA.flushed());
        assertEquals(1, handler.refusedCount());
        applied();
        limit(1, 3, Side.BUY, PX_100, 1);
        applied();
        assertEquals(List.of("REJECTED c=3 NEW BUSY", "ACCEPTED c=1 x=1001", "ACCEPTED c=2 x=1002",
            "ACCEPTED c=3 x=1003"), egressA.flushed());
    }

    @Test
    void shouldCancelAClosedSessionsOrdersThroughTheCluster()
    {
        limit(1, 7, Side.BUY, PX_100, 5);
        applied();
        event.kind(EventKind.SESSION_CLOSED).sessionId(1).registration(null);
        handler.onEvent(event, sequence++, true);
        assertEquals(CommandType.CANCEL, cluster.submitted.get(1).type());
        applied();
        assertEquals(0, cluster.engine.openOrderCount());
        assertEquals(List.of("ACCEPTED c=7 x=1001"), egressA.flushed(), "a closed session gets no more reports");
    }

    @Test
    void shouldCloseTheClusterClientOnTheMatchingThreadWhenTheRingHalts()
    {
        final boolean[] actionRan = new boolean[1];
        handler.onShutdownAction(() -> actionRan[0] = cluster.closed);
        handler.onShutdown();
        assertTrue(actionRan[0], "closed before the node is told the matching thread is done");
    }

    /**
     * A cluster in this thread: committed commands are applied to a real engine when polled, order ids are 1000 + the
     * ingress sequence, tickets the sequence modulo their number.
     */
    private static final class StandInCluster implements ReplicatedEngine
    {
        final List<Command> submitted = new ArrayList<>();
        final ArrayDeque<Command> pending = new ArrayDeque<>();
        final MatchingEngine engine;
        private final int tickets;
        private ExecutionListener reports;
        private TicketListener ticketListener;
        private long lastSequence;
        private int committed;
        boolean closed;

        StandInCluster(final int tickets)
        {
            this.tickets = tickets;
            this.engine = new MatchingEngine(new EngineContext().orderPoolSize(64).levelPoolSize(16), new Forward());
            engine.addInstrument("BTC-USD", Prices.UNIT / 100, 1);
        }

        @Override
        public List<InstrumentConfig> instruments()
        {
            return List.of(new InstrumentConfig("BTC-USD", Prices.UNIT / 100, 1));
        }

        @Override
        public int ticketCapacity()
        {
            return tickets;
        }

        @Override
        public void connect(final ExecutionListener reports, final TicketListener tickets, final long timeoutMs)
        {
            this.reports = reports;
            this.ticketListener = tickets;
        }

        @Override
        public boolean submit(final Command command)
        {
            if (pending.size() >= tickets)
            {
                return false;
            }
            final long ingressSequence = ++lastSequence;
            if (command.type() == CommandType.NEW)
            {
                command.orderId(1000 + ingressSequence);
            }
            final Command copy = new Command().copyFrom(command).sequence(ingressSequence);
            submitted.add(copy);
            pending.add(copy);
            ticketListener.onSubmitted((int)(ingressSequence % tickets));
            return true;
        }

        void commit()
        {
            committed = pending.size();
        }

        @Override
        public int doWork(final long nowNs)
        {
            int work = 0;
            for (; committed > 0; committed--)
            {
                final Command command = pending.poll();
                ticketListener.onReportsOf((int)(command.sequence() % tickets));
                engine.onCommand(command);
                work++;
            }
            return work;
        }

        @Override
        public long unappliedCount()
        {
            return pending.size();
        }

        @Override
        public void close()
        {
            closed = true;
        }

        /** The engine's events to whatever listener the handler connected. */
        private final class Forward implements ExecutionListener
        {
            @Override
            public void onAccepted(final long orderId, final long account)
            {
                reports.onAccepted(orderId, account);
            }

            @Override
            public void onTrade(final long tradeId, final int instrumentId, final long price, final long quantity,
                final Side takerSide, final long makerOrderId, final long makerAccount, final long makerLeaves,
                final long takerOrderId, final long takerAccount, final long takerLeaves)
            {
                reports.onTrade(tradeId, instrumentId, price, quantity, takerSide, makerOrderId, makerAccount,
                    makerLeaves, takerOrderId, takerAccount, takerLeaves);
            }

            @Override
            public void onCanceled(final long orderId, final long account, final long remainingQty,
                final CancelReason reason)
            {
                reports.onCanceled(orderId, account, remainingQty, reason);
            }

            @Override
            public void onReplaced(final long orderId, final long account, final long newPrice, final long newQty)
            {
                reports.onReplaced(orderId, account, newPrice, newQty);
            }

            @Override
            public void onRejected(final CommandType type, final long orderId, final long account,
                final RejectReason reason)
            {
                reports.onRejected(type, orderId, account, reason);
            }
        }
    }
}
