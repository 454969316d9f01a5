package io.arbiter.app.bench;

import io.arbiter.cluster.gateway.ReplicatedEngineClient;
import io.arbiter.cluster.node.LocalCluster;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.config.ServerContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cluster behind {@code arbiter bench e2e --cluster}: three members in this JVM (LocalCluster, loopback, short
 * timeouts) trading the node's configured instruments, and the node in cluster mode in front of them. Control plane;
 * produces garbage.
 */
final class E2eCluster implements AutoCloseable
{
    /** Members of the cluster. */
    static final int MEMBERS = 3;
    private static final long LEADER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    private final LocalCluster members;
    private final ReplicatedEngineClient client;

    private E2eCluster(final LocalCluster members, final ReplicatedEngineClient client)
    {
        this.members = members;
        this.client = client;
    }

    /**
     * Start the members with the node's instruments, wait for a leader, and put the node's configuration in cluster
     * mode.
     *
     * @param context the node's configuration, changed in place.
     * @return the running cluster.
     * @throws IOException if the members cannot be set up.
     */
    static E2eCluster start(final ServerContext context) throws IOException
    {
        final List<InstrumentConfig> instruments = new ArrayList<>();
        for (final InstrumentConfig instrument : context.instruments())
        {
            instruments.add(new InstrumentConfig(
                instrument.symbol(), instrument.tickSizeUnits(), instrument.lotSize()));
        }
        final LocalCluster members = new LocalCluster(MEMBERS, instruments);
        try
        {
            members.startAll();
            final long deadlineNs = System.nanoTime() + LEADER_TIMEOUT_NS;
            while (members.leader() == null)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new IllegalStateException("no leader elected; errors: " + members.errors());
                }
                Thread.onSpinWait();
            }
        }
        catch (final RuntimeException ex)
        {
            members.close();
            throw ex;
        }
        final ReplicatedEngineClient client = ReplicatedEngineClient.local(members, 1, 1_000);
        client.applyTo(context);
        raiseOpenOrderLimit(context, client.ticketCapacity());
        return new E2eCluster(members, client);
    }

    /**
     * The node counts an order as open from the moment it sends it to the cluster, so while acknowledgements lag the
     * load generator's orders in flight count against its account's limit on top of the few it keeps resting, and
     * the bench would measure OPEN_ORDER_LIMIT rejects instead of the path. Room for every command the node may have
     * in flight (its tickets) on top of the configured limit; the load generator itself keeps at most 50 resting
     * orders per connection.
     *
     * @param context of the in-process node; its limit is only raised.
     * @param inFlight commands the node may have sent and not yet seen applied.
     */
    static void raiseOpenOrderLimit(final ServerContext context, final int inFlight)
    {
        context.maxOpenOrdersPerAccount((int)Math.min(Integer.MAX_VALUE,
            (long)context.maxOpenOrdersPerAccount() + inFlight));
    }

    /**
     * @param context the node's configuration, in cluster mode ({@link #start}).
     * @return the node in front of this cluster, not started (it closes the cluster's client).
     */
    ArbiterNode node(final ServerContext context)
    {
        return new ArbiterNode(context).replicated(client);
    }

    /**
     * Stop the members and delete their data.
     */
    @Override
    public void close()
    {
        members.close();
    }
}
