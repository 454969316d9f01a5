package io.arbiter.server.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.arbiter.engine.RejectReason;
import io.arbiter.protocol.WireEnums;
import org.junit.jupiter.api.Test;

class RejectCodeTest
{
    @Test
    void shouldReportEveryEngineReasonWithTheWireReasonOfTheProtocol()
    {
        for (final RejectReason reason : RejectReason.values())
        {
            final RejectCode code = RejectCode.of(reason);
            assertEquals(reason.name(), code.name());
            assertEquals(WireEnums.rejectReason(reason), code.wireReason(), reason.name());
        }
    }
}
