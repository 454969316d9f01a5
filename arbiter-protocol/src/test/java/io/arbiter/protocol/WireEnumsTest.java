package io.arbiter.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.TimeInForce;
import org.junit.jupiter.api.Test;

class WireEnumsTest
{
    @Test
    void shouldGiveEveryEngineRejectReasonItsOwnWireReason()
    {
        final Set<Integer> seen = new HashSet<>();
        for (final RejectReason reason : RejectReason.values())
        {
            final int wire = WireEnums.rejectReason(reason);
            assertNotNull(io.arbiter.protocol.proto.RejectReason.forNumber(wire), reason.name());
            assertTrue(seen.add(wire), reason + " shares wire number " + wire);
        }
        assertEquals(io.arbiter.protocol.proto.RejectReason.INSUFFICIENT_FUNDS_VALUE,
            WireEnums.rejectReason(RejectReason.INSUFFICIENT_FUNDS));
        assertEquals(io.arbiter.protocol.proto.RejectReason.MAX_QUANTITY_EXCEEDED_VALUE,
            WireEnums.rejectReason(RejectReason.MAX_QTY_EXCEEDED));
    }

    @Test
    void shouldGiveEveryEngineCancelReasonItsOwnWireReason()
    {
        final Set<Integer> seen = new HashSet<>();
        for (final CancelReason reason : CancelReason.values())
        {
            final int wire = WireEnums.cancelReason(reason);
            assertNotNull(io.arbiter.protocol.proto.CancelReason.forNumber(wire), reason.name());
            assertTrue(seen.add(wire), reason + " shares wire number " + wire);
        }
        assertEquals(io.arbiter.protocol.proto.CancelReason.EXPIRED_VALUE,
            WireEnums.cancelReason(CancelReason.EXPIRED));
        assertEquals(io.arbiter.protocol.proto.CancelReason.MASS_CANCELED_VALUE,
            WireEnums.cancelReason(CancelReason.MASS));
        assertEquals(io.arbiter.protocol.proto.CancelReason.KILL_SWITCH_VALUE,
            WireEnums.cancelReason(CancelReason.ACCOUNT_DISABLED));
    }

    @Test
    void shouldRoundTripEveryOrderTypeAndTimeInForce()
    {
        for (final OrderType type : OrderType.values())
        {
            assertEquals(type, WireEnums.orderType(WireEnums.orderType(type)));
            assertEquals(type.name(), io.arbiter.protocol.proto.OrderType.forNumber(WireEnums.orderType(type)).name());
        }
        for (final TimeInForce timeInForce : TimeInForce.values())
        {
            assertEquals(timeInForce, WireEnums.timeInForce(WireEnums.timeInForce(timeInForce)));
            assertEquals(timeInForce.name(),
                io.arbiter.protocol.proto.TimeInForce.forNumber(WireEnums.timeInForce(timeInForce)).name());
        }
    }
}
