package io.arbiter.server;

import io.arbiter.marketdata.MarketDataFeed;
import io.arbiter.server.admin.AdminServer;
import io.arbiter.server.admin.OperatorApi;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.gateway.GatewayTransport;
import io.arbiter.server.sequencer.ControlRequest;
import io.netty.channel.EventLoopGroup;

import java.util.concurrent.CompletableFuture;

/**
 * The admin HTTP server of an {@link ArbiterNode} (health, readiness, metrics, operator requests, book queries) and
 * what its operator requests reach: control requests into the node's ring while the node runs. Started and stopped
 * by the node's control-plane thread; the operator requests arrive on the gateway's event loops.
 */
final class NodeAdmin
{
    private final ArbiterNode node;
    private final ServerContext context;
    private final NodeMatching matching;
    private AdminServer admin;
    private int adminPort = -1;

    /**
     * @param node the node, whose state gates readiness and operator requests.
     * @param context the node's configuration.
     * @param matching the node's matching side, which the requests reach.
     */
    NodeAdmin(final ArbiterNode node, final ServerContext context, final NodeMatching matching)
    {
        this.node = node;
        this.context = context;
        this.matching = matching;
    }

    /**
     * Build the admin server and bind its port on the gateway's event loops, when {@code admin.port} is not negative.
     *
     * @throws InterruptedException if interrupted while binding.
     */
    void start(
        final EventLoopGroup group,
        final GatewayTransport transport,
        final NodeObservability observability,
        final MarketDataFeed marketData) throws InterruptedException
    {
        if (context.adminPort() >= 0)
        {
            admin = new AdminServer(() -> node.state() == ArbiterNode.State.RUNNING && matching.acceptingOrders())
                .health(matching::healthProblem);
            observability.addEndpoints(admin);
            admin.operatorRequests(this::operatorRequest);
            admin.operatorApi(new OperatorApi(this::publishControl, this::accountId, matching::committedSequence));
            if (marketData != null)
            {
                admin.bookRequests(marketData::bookJsonAsync);
            }
            admin.authorizer(new io.arbiter.server.admin.AdminAuthorizer(context.adminToken()));
            adminPort = admin.start(
                group, transport.serverChannelClass(), context.adminBindAddress(), context.adminPort());
        }
    }

    /**
     * Stop the admin server, if started.
     *
     * @throws InterruptedException if interrupted while closing its socket.
     */
    void stop() throws InterruptedException
    {
        if (admin != null)
        {
            admin.stop();
        }
    }

    /**
     * @return the bound admin port, or -1 when disabled.
     */
    int port()
    {
        return adminPort;
    }

    private CompletableFuture<String> operatorRequest(final ControlRequest.Type type)
    {
        return publishControl(new ControlRequest(type));
    }

    private long accountId(final String name)
    {
        for (final io.arbiter.server.config.AccountConfig account : context.accounts())
        {
            if (account.name().equals(name))
            {
                return account.id();
            }
        }
        return -1;
    }

    private CompletableFuture<String> publishControl(final ControlRequest request)
    {
        if (node.state() != ArbiterNode.State.RUNNING || !matching.sequencer().tryPublishControl(request))
        {
            request.result().completeExceptionally(new IllegalStateException("node not running or ring full"));
        }
        return request.result();
    }
}
