package io.arbiter.cluster.gateway;

import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.RejectReason;
import org.agrona.CloseHelper;

/**
 * A gateway in front of several shards: routes each NEW by its symbol to the shard that trades it (with that shard's
 * instrument id), a CANCEL or REPLACE to the shard its order lives on, and merges every shard's reports into one
 * {@link ReportListener} (each report names its shard). Each shard is its own {@link ClusterGateway}, so a shard that
 * fails (its cluster loses its majority) delays only its own commands: the others keep trading, and the failed shard's
 * commands are resubmitted once it is back. Single threaded, like {@link ClusterGateway}.
 */
public final class ShardedGateway implements AutoCloseable
{
    private final ShardMap shards;
    private final ClusterGateway[] gateways;

    /**
     * @param shards   the symbol to shard map.
     * @param gateways one per shard, in shard order, each created with its shard index.
     */
    public ShardedGateway(final ShardMap shards, final ClusterGateway... gateways)
    {
        if (gateways.length != shards.shardCount())
        {
            throw new IllegalArgumentException(shards.shardCount() + " shards but " + gateways.length + " gateways");
        }
        this.shards = shards;
        this.gateways = gateways.clone();
    }

    /**
     * @return the symbol to shard map.
     */
    public ShardMap shards()
    {
        return shards;
    }

    /**
     * @param shard a shard index.
     * @return its gateway.
     */
    public ClusterGateway shard(final int shard)
    {
        return gateways[shard];
    }

    /**
     * Submit a NEW order for a symbol to its shard.
     *
     * @param symbol  of the instrument.
     * @param command a NEW command; its instrument id is set to the shard's id for the symbol.
     * @return the order id in its shard, or {@code -(RejectReason.UNKNOWN_SYMBOL.ordinal() + 1)} when no shard
     *         trades the symbol (nothing is sent).
     */
    public long submitNew(final String symbol, final Command command)
    {
        final int shard = shards.shard(symbol);
        if (shard < 0 || command.type() != CommandType.NEW)
        {
            return -(RejectReason.UNKNOWN_SYMBOL.ordinal() + 1);
        }
        command.instrumentId(shards.instrumentId(symbol));
        return gateways[shard].submit(command);
    }

    /**
     * Submit a CANCEL or REPLACE of an order to the shard it lives on.
     *
     * @param shard   where the order was placed (the shard of its symbol, as reported with it).
     * @param command the command, naming the order by the id its shard gave it.
     * @return the order id.
     */
    public long submit(final int shard, final Command command)
    {
        return gateways[shard].submit(command);
    }

    /**
     * Connect every shard (blocking). Control plane.
     */
    public void connect()
    {
        for (final ClusterGateway gateway : gateways)
        {
            gateway.connect();
        }
    }

    /**
     * One duty cycle of every shard's gateway.
     *
     * @param nowNs the time, {@link System#nanoTime()}.
     * @return work done.
     */
    public int doWork(final long nowNs)
    {
        int work = 0;
        for (final ClusterGateway gateway : gateways)
        {
            work += gateway.doWork(nowNs);
        }
        return work;
    }

    /**
     * Close every shard's session.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(gateways);
    }
}
