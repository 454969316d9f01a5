package io.arbiter.cluster.node;

import io.arbiter.server.config.ConfigException;
import io.arbiter.server.config.InstrumentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterNodeConfigTest
{
    @Test
    void shouldReadTheShippedThreeMemberConfiguration() throws Exception
    {
        final Path file = Path.of("..", "config", "cluster-local.properties");
        final ClusterNodeConfig config = ClusterNodeConfig.load(file, 2);
        assertEquals(3, config.members().size());
        assertEquals("0,localhost:9100,localhost:9101,localhost:9102,localhost:9103,localhost:9104|" +
            "1,localhost:9110,localhost:9111,localhost:9112,localhost:9113,localhost:9114|" +
            "2,localhost:9120,localhost:9121,localhost:9122,localhost:9123,localhost:9124",
            config.members().consensusMembers());
        assertEquals("0=localhost:9100,1=localhost:9110,2=localhost:9120", config.members().ingressEndpoints());
        assertEquals(file.toAbsolutePath().getParent().resolve("../cluster-data/member-2").normalize(),
            config.memberDir().normalize());
        assertEquals(2, config.service().instruments().size());
        assertEquals("BTC-USD", config.service().instruments().get(0).symbol());
        assertEquals(1_000_000L, config.service().instruments().get(0).tickSizeUnits(), "0.01 in price units");
        assertEquals(0, config.startupCanvassTimeoutMs() % config.leaderHeartbeatTimeoutMs(),
            "Aeron requires the canvass timeout to be a multiple of the heartbeat timeout");
    }

    @Test
    void shouldRefuseAMemberIdOutsideTheMembers(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("c.properties");
        Files.writeString(file, "cluster.members=0=localhost:9000\ninstrument.A=1,1\n");
        assertThrows(IllegalArgumentException.class, () -> ClusterNodeConfig.load(file, 1));
        Files.writeString(file, "cluster.members=1=localhost:9000\n");
        assertThrows(IllegalArgumentException.class, () -> ClusterNodeConfig.load(file, 0), "ids start at 0");
    }

    @Test
    void shouldReadInstrumentsWithAssetsAndFeesWithTheNodesSyntax(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("c.properties");
        Files.writeString(file, "cluster.members=0=localhost:9000\ninstrument.ETH-USD=0.01,1,ETH,USD\n" +
            "instrument.BTC-USD=0.5,2,BTC,USD,-1,5\ninstrument.X=1,1\n");
        assertEquals(List.of(
            new InstrumentConfig("BTC-USD", 50_000_000L, 2, "BTC", "USD", -1, 5, true),
            new InstrumentConfig("ETH-USD", 1_000_000L, 1, "ETH", "USD", 0, 0, false),
            new InstrumentConfig("X", 100_000_000L, 1)),
            ClusterNodeConfig.load(file, 0).service().instruments(), "sorted by symbol, as the node parses them");

        Files.writeString(file, "cluster.members=0=localhost:9000\ninstrument.BTC-USD=0.01,1,BTC,BTC\n");
        final ConfigException same = assertThrows(ConfigException.class, () -> ClusterNodeConfig.load(file, 0));
        assertTrue(same.getMessage().contains("instrument.BTC-USD"), same.getMessage());
        Files.writeString(file, "cluster.members=0=localhost:9000\ninstrument.BTC-USD=0.01,1,BTC\n");
        assertThrows(ConfigException.class, () -> ClusterNodeConfig.load(file, 0), "three fields");
    }
}
