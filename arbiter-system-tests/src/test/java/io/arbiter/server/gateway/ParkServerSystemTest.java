package io.arbiter.server.gateway;

import io.arbiter.server.config.ServerContext;
import io.arbiter.server.sequencer.WaitStrategyKind;
import org.junit.jupiter.api.Tag;

/**
 * Every {@link ServerSystemTest} with the matching thread on {@code sequencer.waitStrategy=park}: timed parks without
 * producer signals, egress drains queued on the event loops without waking them and nudged by the matching thread.
 */
@Tag("slow")
class ParkServerSystemTest extends ServerSystemTest
{
    @Override
    ServerContext defaults()
    {
        return super.defaults().waitStrategy(WaitStrategyKind.PARK);
    }
}
