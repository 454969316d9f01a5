package io.arbiter.journal;

import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.NoOpExecutionListener;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.engine.support.CommandGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client order ids travel through journal records and snapshots to a {@link RecoveryListener}, so a server can give
 * recovered orders back to their owners.
 */
class ClientOrderIdRecoveryTest
{
    @TempDir
    Path dir;

    @Test
    void shouldGiveClientOrderIdsOfSnapshotOrdersAndReplayedRecordsToTheListener()
    {
        final JournalContext context = new JournalContext().dataDir(dir).durability(DurabilityPolicy.NONE);
        final MatchingEngine original = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final Map<Long, Long> clientIds = new HashMap<>();
        final Command command = new Command();
        try (JournalWriter writer = new JournalWriter(context, 0))
        {
            for (long id = 1; id <= 20; id++)
            {
                // resting buys far apart: nothing trades
                newOrder(command, id, 100 + id);
                clientIds.put(id, 9_000 + id);
                writer.append(command, 9_000 + id);
                writer.commit(0);
                original.onCommand(command);
                if (id == 12)
                {
                    new SnapshotWriter(context).clientOrderIds(clientIds::get).write(original, id);
                }
            }
            command.cancel(3, 7).sequence(21).timestampNs(21);
            writer.append(command, 9_003);
            writer.commit(0);
            original.onCommand(command);
        }

        final Map<Long, Long> restored = new HashMap<>();
        final Map<Long, Long> replayed = new HashMap<>();
        final MatchingEngine engine = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final RecoveryResult result = new Recovery(context).listener(new RecoveryListener()
        {
            @Override
            public void onRestoredOrder(final long orderId, final long account, final long clientOrderId)
            {
                assertEquals(7, account);
                restored.put(orderId, clientOrderId);
            }

            @Override
            public void onReplay(final Command replay, final long clientOrderId)
            {
                replayed.put(replay.sequence(), clientOrderId);
                if (replay.type() == CommandType.CANCEL)
                {
                    assertEquals(3, replay.orderId());
                }
            }
        }).recover(engine);

        assertEquals(12, result.snapshotSequence());
        assertEquals(12, restored.size());
        for (long id = 1; id <= 12; id++)
        {
            assertEquals(9_000 + id, restored.get(id), "snapshot order " + id);
        }
        assertEquals(9, replayed.size());
        for (long sequence = 13; sequence <= 20; sequence++)
        {
            assertEquals(9_000 + sequence, replayed.get(sequence), "record " + sequence);
        }
        assertEquals(9_003, replayed.get(21L));
        assertEquals(original.stateHash(), engine.stateHash());
    }

    @Test
    void shouldRefuseASegmentOfAnotherFormatVersionWithoutTruncatingIt() throws IOException
    {
        final JournalContext context = new JournalContext().dataDir(dir).durability(DurabilityPolicy.NONE);
        final Command command = new Command();
        try (JournalWriter writer = new JournalWriter(context, 0))
        {
            newOrder(command, 1, 101);
            writer.append(command, 1);
            writer.commit(0);
        }
        final Path segment = JournalFiles.segments(dir).get(0);
        final long size = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE))
        {
            final ByteBuffer version = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 1);
            channel.write(version, JournalDescriptor.SEGMENT_VERSION_OFFSET);
        }
        final JournalCorruptedException thrown = assertThrows(JournalCorruptedException.class,
            () -> new Recovery(context).recover(CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE)));
        assertTrue(thrown.getMessage().contains("format version 1"), thrown.getMessage());
        assertEquals(size, Files.size(segment), "nothing truncated");
    }

    private static void newOrder(final Command command, final long id, final long priceTicks)
    {
        command.newOrder(id, 7, 0, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
            priceTicks * CommandGenerator.TICK, CommandGenerator.LOT, SelfTradePrevention.NONE)
            .sequence(id).timestampNs(id);
        assertTrue(command.price() > 0 && command.price() != Prices.NULL_PRICE);
    }
}
