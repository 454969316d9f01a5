package io.arbiter.cluster;

import io.arbiter.cluster.codec.EgressDescriptor;
import io.arbiter.cluster.codec.ReportFlyweight;
import io.arbiter.cluster.gateway.ClusterGateway;
import io.arbiter.cluster.node.LocalCluster;
import io.arbiter.engine.CancelReason;
import io.arbiter.engine.Command;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import org.agrona.collections.Long2LongHashMap;

import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@link ClusterGateway} driven by the test thread, counting the reports it hands on per order.
 */
final class TestGateway implements AutoCloseable
{
    final ClusterGateway gateway;
    final Long2LongHashMap acceptedCount = new Long2LongHashMap(0);
    final Long2LongHashMap rejectedCount = new Long2LongHashMap(0);
    final Long2LongHashMap expiredCount = new Long2LongHashMap(0);
    long trades;
    long reports;
    private final Command command = new Command();

    TestGateway(final LocalCluster cluster, final int gatewayId)
    {
        gateway = new ClusterGateway(gatewayId, 0, cluster.clientContext(), this::onReport, 1_000);
    }

    TestGateway connect()
    {
        gateway.connect();
        pumpUntil(gateway::ready, 30_000, "the cluster's answer to the first RESYNC");
        return this;
    }

    private void onReport(final int shard, final ReportFlyweight report)
    {
        reports++;
        switch (report.kind())
        {
            case EgressDescriptor.KIND_ACCEPTED -> acceptedCount.put(report.orderId(),
                acceptedCount.get(report.orderId()) + 1);
            case EgressDescriptor.KIND_REJECTED -> rejectedCount.put(report.orderId(),
                rejectedCount.get(report.orderId()) + 1);
            case EgressDescriptor.KIND_TRADE -> trades++;
            case EgressDescriptor.KIND_CANCELED ->
            {
                if (report.reason() == CancelReason.EXPIRED.ordinal())
                {
                    expiredCount.put(report.orderId(), expiredCount.get(report.orderId()) + 1);
                }
            }
            default ->
            {
            }
        }
    }

    long buy(final long account, final long priceUnits, final long quantity)
    {
        return gateway.submit(command.newOrder(0, account, 0, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, priceUnits,
            quantity, SelfTradePrevention.NONE));
    }

    long buyUntil(final long account, final long priceUnits, final long quantity, final long expiryMs)
    {
        return gateway.submit(command.newOrder(0, account, 0, Side.BUY, OrderType.LIMIT, TimeInForce.GTD, priceUnits,
            quantity, SelfTradePrevention.NONE).time(expiryMs));
    }

    long sell(final long account, final long priceUnits, final long quantity)
    {
        return gateway.submit(command.newOrder(0, account, 0, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, priceUnits,
            quantity, SelfTradePrevention.NONE));
    }

    void pump()
    {
        if (gateway.doWork(System.nanoTime()) == 0)
        {
            Thread.onSpinWait();
        }
    }

    /**
     * @param condition to wait for.
     * @param timeoutMs a liveness bound, at least 10x what a quiet run needs.
     * @param what      for the failure message.
     */
    void pumpUntil(final BooleanSupplier condition, final long timeoutMs, final String what)
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                fail("timed out after " + timeoutMs + " ms waiting for " + what + "; applied " +
                    gateway.appliedSequence() + " of " + gateway.lastSequence());
            }
            pump();
        }
    }

    void drain(final long timeoutMs)
    {
        pumpUntil(() -> gateway.appliedSequence() == gateway.lastSequence(), timeoutMs, "every command applied");
    }

    @Override
    public void close()
    {
        gateway.close();
    }
}
