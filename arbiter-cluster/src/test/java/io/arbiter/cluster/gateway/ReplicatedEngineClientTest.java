package io.arbiter.cluster.gateway;

import io.aeron.cluster.client.AeronCluster;
import io.arbiter.cluster.codec.OrderIds;
import io.arbiter.engine.Command;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.matching.ReplicatedEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routing of the node's commands over two shards, without a cluster (commands wait in each shard's gateway): the
 * node's instrument ids are the shards' symbols in shard order, a NEW goes to its symbol's shard with that shard's
 * instrument id, a CANCEL to the shard its order id names, a MASS_CANCEL of every instrument to every shard, and each
 * command sent gets the ticket of its shard and ingress sequence.
 */
class ReplicatedEngineClientTest
{
    private static final int BASE_GATEWAY_ID = 7;

    private final List<Integer> tickets = new ArrayList<>();
    private final ReplicatedEngineClient client = new ReplicatedEngineClient(BASE_GATEWAY_ID, 1_000,
        List.of(new AeronCluster.Context(), new AeronCluster.Context()),
        List.of(List.of(definition("BTC-USD"), definition("ETH-USD")), List.of(definition("SOL-USD"))), null);
    private final Command command = new Command();

    @AfterEach
    void tearDown()
    {
        client.close();
    }

    private static InstrumentConfig definition(final String symbol)
    {
        return new InstrumentConfig(symbol, Prices.UNIT / 100, 1);
    }

    private Command buy(final int instrumentId)
    {
        return command.newOrder(0, 3, instrumentId, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, Prices.UNIT, 1,
            SelfTradePrevention.NONE);
    }

    @Test
    void shouldRouteEachCommandToItsShardWithTheShardsInstrumentIdAndTicket()
    {
        client.listeners(null, new ReplicatedEngine.TicketListener()
        {
            @Override
            public void onSubmitted(final int ticket)
            {
                tickets.add(ticket);
            }

            @Override
            public void onReportsOf(final int ticket)
            {
            }
        });
        final long tick = Prices.UNIT / 100;
        assertEquals(List.of(new InstrumentConfig("BTC-USD", tick, 1), new InstrumentConfig("ETH-USD", tick, 1),
            new InstrumentConfig("SOL-USD", tick, 1)), client.instruments());

        assertTrue(client.submit(buy(2)));
        final long solOrder = command.orderId();
        assertEquals(OrderIds.orderId(BASE_GATEWAY_ID + 1, 1), solOrder, "SOL-USD is shard 1's");
        assertEquals(2, command.instrumentId(), "the node's command keeps the node's instrument id");
        assertTrue(client.submit(buy(1)));
        assertEquals(OrderIds.orderId(BASE_GATEWAY_ID, 1), command.orderId(), "ETH-USD is shard 0's");

        assertTrue(client.submit(command.cancel(solOrder, 3)));
        assertTrue(client.submit(command.massCancel(3, Command.ALL_INSTRUMENTS)));
        assertFalse(client.submit(buy(3)), "no instrument 3");
        assertFalse(client.submit(command.cancel(OrderIds.orderId(BASE_GATEWAY_ID + 2, 1), 3)), "no shard 2");

        assertEquals(2, client.shard(0).lastSequence(), "ETH buy, mass cancel");
        assertEquals(3, client.shard(1).lastSequence(), "SOL buy, its cancel, mass cancel");
        final int perShard = ReplicatedEngineClient.TICKETS_PER_SHARD;
        assertEquals(List.of(perShard + 1, 1, perShard + 2, 2, perShard + 3), tickets);
        assertEquals(5, client.unappliedCount());
        assertEquals(2 * perShard, client.ticketCapacity());
    }
}
