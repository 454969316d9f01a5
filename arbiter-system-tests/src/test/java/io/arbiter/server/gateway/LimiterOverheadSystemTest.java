package io.arbiter.server.gateway;

import io.arbiter.protocol.proto.ServerMessage;
import io.arbiter.protocol.proto.Side;
import io.arbiter.protocol.proto.TimeInForce;
import io.arbiter.server.ArbiterNode;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.config.ServerConfigLoader;
import io.arbiter.testsupport.TestClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.arbiter.testsupport.TestClient.UNIT;
import static io.arbiter.testsupport.TestClient.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End-to-end over loopback (one session, one IOC order at a time, NewOrder to Accepted then Canceled) with the limiter
 * on (budgets too generous to throttle) and off: a generous limiter admits every order and the node answers each one
 * in the same way as without a limiter. Behaviour only: the limiter's cost end to end is measured by
 * {@code arbiter bench e2e} with and without {@code --no-overload} (docs/benchmarks.md), not here.
 */
@Tag("slow")
class LimiterOverheadSystemTest
{
    private static final int ORDERS = 1_000;

    @TempDir
    Path journalDir;

    @Test
    void shouldAdmitEveryOrderUnderAGenerousLimiter() throws Exception
    {
        assertEquals(ORDERS, run(true));
    }

    @Test
    void shouldAnswerEveryOrderWithTheLimiterOff() throws Exception
    {
        assertEquals(ORDERS, run(false));
    }

    private int run(final boolean limiter) throws Exception
    {
        final ServerContext context = new ServerConfigLoader().loadDefaults()
            .dataDir(journalDir.toString()).port(0).marketDataPort(0).adminPort(-1)
            .overloadEnabled(limiter);
        context.overload().burstCapacity(1_000_000).refillRatePerSecond(10_000_000).drainRatePerSecond(10_000_000);
        try (ArbiterNode node = new ArbiterNode(context).start(); TestClient client = new TestClient(node.port()))
        {
            assertTrue(client.logon("demo1", "demo1-secret").hasLogonAck());
            int answered = 0;
            for (int i = 1; i <= ORDERS; i++)
            {
                client.send(limit(i, "BTC-USD", Side.BUY, TimeInForce.IOC, 100 * UNIT, 1));
                final ServerMessage accepted = client.receiveNonHeartbeat();
                assertTrue(accepted.hasAccepted(), accepted.toString());
                assertEquals(i, accepted.getAccepted().getClientOrderId());
                final ServerMessage canceled = client.receiveNonHeartbeat();
                assertTrue(canceled.hasCanceled(), canceled.toString());
                answered++;
            }
            return answered;
        }
    }
}
