package io.arbiter.bench.pipeline;

import io.arbiter.engine.CommandType;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;
import io.arbiter.server.sequencer.CommandEvent;
import io.arbiter.server.sequencer.EventKind;
import io.arbiter.server.sequencer.IngressCommand;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CommandRecordDescriptorTest
{
    @Test
    void shouldCarryEveryFieldTheTranslatorCopies()
    {
        final IngressCommand in = new IngressCommand().sessionId(3).clientOrderId(99).clientTimestampNs(123)
            .receivedNs(456);
        in.command().newOrder(5, 6, 2, Side.SELL, OrderType.MARKET, TimeInForce.IOC, 7_000, 12,
            SelfTradePrevention.CANCEL_MAKER);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandRecordDescriptor.RECORD_LENGTH * 2]);
        final CommandEvent event = new CommandEvent().kind(EventKind.TICK);

        CommandRecordDescriptor.encode(in, buffer, CommandRecordDescriptor.RECORD_LENGTH);
        CommandRecordDescriptor.decode(buffer, CommandRecordDescriptor.RECORD_LENGTH, event);

        assertEquals(EventKind.ENGINE_COMMAND, event.kind());
        assertEquals(3, event.sessionId());
        assertEquals(99, event.clientOrderId());
        assertEquals(123, event.clientTimestampNs());
        assertEquals(456, event.receivedNs());
        assertNull(event.registration());
        assertEquals(CommandType.NEW, event.command().type());
        assertEquals(5, event.command().orderId());
        assertEquals(2, event.command().instrumentId());
        assertEquals(Side.SELL, event.command().side());
        assertEquals(OrderType.MARKET, event.command().orderType());
        assertEquals(TimeInForce.IOC, event.command().timeInForce());
        assertEquals(SelfTradePrevention.CANCEL_MAKER, event.command().selfTradePrevention());
        assertEquals(7_000, event.command().price());
        assertEquals(12, event.command().quantity());
    }
}
