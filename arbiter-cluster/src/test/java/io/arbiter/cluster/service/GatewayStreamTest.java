package io.arbiter.cluster.service;

import io.arbiter.cluster.codec.EgressDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayStreamTest
{
    @Test
    void shouldNumberRetainTrimAndResendMessages()
    {
        final GatewayStream stream = new GatewayStream(3, 1 << 20);
        for (int i = 1; i <= 5; i++)
        {
            stream.appliedIngressSequence(i * 10);
            stream.open();
            final int report = stream.claimReport();
            stream.buffer().putLong(report + EgressDescriptor.ORDER_ID_OFFSET, i, ByteOrder.LITTLE_ENDIAN);
            stream.close(false);
        }
        assertEquals(5, stream.lastEgressSequence());
        assertEquals(List.of(3L, 4L, 5L), retainedAfter(stream, 2));

        stream.trim(3);
        assertEquals(List.of(4L, 5L), retainedAfter(stream, 0), "messages the gateway holds are forgotten");
        stream.open();
        assertEquals(-1, stream.close(false), "an empty message is dropped unless forced");
        assertEquals(5, stream.lastEgressSequence());
        final int forced = stream.close(true);
        assertTrue(forced < 0, "closing twice keeps nothing more");
    }

    @Test
    void shouldSurviveASnapshotRoundTrip()
    {
        final GatewayStream stream = new GatewayStream(9, 1 << 20);
        stream.appliedIngressSequence(77);
        stream.clusterSessionId(1234);
        stream.open();
        stream.claimReport();
        stream.close(true);
        stream.open();
        stream.close(true);
        stream.trim(1);

        final ExpandableDirectByteBuffer out = new ExpandableDirectByteBuffer(64);
        final int end = stream.encode(out, 4);
        final GatewayStream copy = GatewayStream.decode(out, 4, 1 << 20);
        assertEquals(end - 4, copy.encodedLength());
        assertEquals(9, copy.gatewayId());
        assertEquals(77, copy.appliedIngressSequence());
        assertEquals(2, copy.lastEgressSequence());
        assertEquals(1234, copy.clusterSessionId());
        assertEquals(List.of(2L), retainedAfter(copy, 0));
    }

    @Test
    void shouldDropTheOldestMessagesPastTheRetentionBound()
    {
        final GatewayStream stream = new GatewayStream(1, 4 * (EgressDescriptor.HEADER_LENGTH + 8));
        for (int i = 0; i < 10; i++)
        {
            stream.open();
            stream.close(true);
        }
        final List<Long> retained = retainedAfter(stream, 0);
        assertEquals(10L, retained.get(retained.size() - 1));
        assertTrue(retained.size() <= 4, "bounded: " + retained);
        assertEquals(10 - retained.size(), stream.droppedMessages());
    }

    @Test
    void shouldSendInOrderAndOfferAgainWhatTheSessionRefused()
    {
        final GatewayStream stream = new GatewayStream(2, 1 << 20);
        final RecordingSender sender = new RecordingSender();
        for (int i = 0; i < 3; i++)
        {
            stream.open();
            stream.close(true);
        }
        sender.accept = 2;
        assertFalse(stream.sendUnsent(sender), "the third offer is refused");
        assertEquals(List.of(1L, 2L), sender.sent);
        assertTrue(stream.hasUnsent());

        stream.open();
        stream.close(true);
        sender.accept = Integer.MAX_VALUE;
        assertTrue(stream.sendUnsent(sender));
        assertEquals(List.of(1L, 2L, 3L, 4L), sender.sent, "the refused message goes first, nothing is skipped");
        assertFalse(stream.hasUnsent());

        stream.trim(1);
        stream.rewind(2);
        stream.oweResyncReply();
        assertTrue(stream.sendUnsent(sender));
        assertEquals(List.of(1L, 2L, 3L, 4L, 3L, 4L, -4L), sender.sent,
            "a RESYNC resends after the gateway's last message, then replies with the last egress sequence");
        assertFalse(stream.hasUnsent());

        stream.open();
        stream.close(true);
        stream.abandonUnsent();
        assertFalse(stream.hasUnsent(), "a gateway without a session gets nothing until it asks");
    }

    private static final class RecordingSender implements GatewayStream.MessageSender
    {
        private final List<Long> sent = new ArrayList<>();
        private int accept;

        @Override
        public boolean send(final DirectBuffer buffer, final int offset, final int length)
        {
            if (accept == 0)
            {
                return false;
            }
            accept--;
            sent.add(buffer.getLong(offset + EgressDescriptor.EGRESS_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN));
            return true;
        }

        @Override
        public boolean sendResyncReply(final GatewayStream stream)
        {
            sent.add(-stream.lastEgressSequence());
            return true;
        }
    }

    private static List<Long> retainedAfter(final GatewayStream stream, final long egressSequence)
    {
        final List<Long> sequences = new ArrayList<>();
        stream.forEachRetained(egressSequence, (buffer, offset, length) -> sequences.add(
            buffer.getLong(offset + EgressDescriptor.EGRESS_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN)));
        return sequences;
    }
}
