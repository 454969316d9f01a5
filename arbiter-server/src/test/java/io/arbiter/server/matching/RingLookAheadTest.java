package io.arbiter.server.matching;

import com.lmax.disruptor.RingBuffer;
import io.arbiter.engine.Command;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.EventKind;
import io.arbiter.server.sequencer.SessionRegistration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The matching handler's look-ahead over the ring ({@link MatchingHandler#lookAhead}) changes no reply: two handlers
 * take the same seeded stream of new orders, cancels and replaces (known and unknown client ids) from a ring in
 * batches of random size, one looking ahead, and every session's replies and the engines' state hashes must be equal.
 */
class RingLookAheadTest
{
    private static final int SESSIONS = 3;
    private static final int COMMANDS = 6_000;

    @ParameterizedTest(name = "seed {0}, distance {1}")
    @CsvSource({"1, 1", "2, 3", "3, 8"})
    void shouldSendTheSameRepliesWithAndWithoutLookAhead(final long seed, final int distance)
    {
        final RingBuffer<CommandEvent> ring = RingBuffer.createSingleProducer(CommandEvent.FACTORY, 1 << 14);
        final RecordingEgress[] plainEgress = new RecordingEgress[SESSIONS];
        final RecordingEgress[] aheadEgress = new RecordingEgress[SESSIONS];
        final MatchingHandler plain = handler(plainEgress);
        final MatchingHandler ahead = handler(aheadEgress);
        ahead.lookAhead(ring, distance);

        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < COMMANDS; i++)
        {
            final long sequence = ring.next();
            final CommandEvent event = ring.get(sequence);
            final long clientId = random.nextLong(1, 400);
            event.kind(EventKind.ENGINE_COMMAND).sessionId(random.nextInt(SESSIONS) + 1).clientOrderId(i + 1000)
                .registration(null);
            final Command command = event.command();
            final int kind = random.nextInt(10);
            final long price = (95 + random.nextInt(11)) * Prices.UNIT;
            if (kind < 5)
            {
                event.clientOrderId(i + 1000);
                command.newOrder(0, 0, 0, random.nextBoolean() ? Side.BUY : Side.SELL, OrderType.LIMIT,
                    kind == 0 ? TimeInForce.IOC : TimeInForce.GTC, price, random.nextLong(1, 10),
                    SelfTradePrevention.NONE);
            }
            else
            {
                // a recent client id of any session: often open, sometimes filled, canceled or another session's
                event.clientOrderId(Math.max(1000, i + 1000 - clientId));
                if (kind < 8)
                {
                    command.cancel(0, 0);
                }
                else
                {
                    command.replace(0, 0, price, random.nextLong(1, 10));
                }
            }
            ring.publish(sequence);
        }

        long next = 0;
        int cancelsOfOpenOrders = 0;
        while (next < COMMANDS)
        {
            final long available = COMMANDS - next;
            final long batch = Math.min(available, 1 + random.nextInt(64));
            plain.onBatchStart(batch, available);
            ahead.onBatchStart(batch, available);
            for (long s = next; s < next + batch; s++)
            {
                final boolean end = s == next + batch - 1;
                plain.onEvent(ring.get(s), s, end);
                ahead.onEvent(ring.get(s), s, end);
            }
            next += batch;
        }
        for (int s = 0; s < SESSIONS; s++)
        {
            assertEquals(plainEgress[s].flushed(), aheadEgress[s].flushed(), "session " + (s + 1));
            cancelsOfOpenOrders += (int)plainEgress[s].flushed().stream().filter(r -> r.startsWith("CANCELED")).count();
        }
        assertEquals(plain.engine().stateHash(), ahead.engine().stateHash(), "state hash");
        assertTrue(cancelsOfOpenOrders > 300, "open orders were canceled: " + cancelsOfOpenOrders);
    }

    private static MatchingHandler handler(final RecordingEgress[] egress)
    {
        final MatchingHandler handler =
            new MatchingHandler(new EngineContext().orderPoolSize(256).levelPoolSize(64), 10_000, true, () -> 42L);
        handler.engine().addInstrument("BTC-USD", Prices.UNIT / 100, 1);
        final CommandEvent event = new CommandEvent();
        for (int s = 0; s < egress.length; s++)
        {
            egress[s] = new RecordingEgress();
            event.kind(EventKind.SESSION_OPENED).sessionId(s + 1)
                .registration(new SessionRegistration(s + 1, 10 * (s + 1), egress[s]));
            handler.onEvent(event, -1 - s, true);
        }
        return handler;
    }
}
