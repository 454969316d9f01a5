package io.arbiter.server.config;

import io.arbiter.engine.Prices;
import io.arbiter.journal.DurabilityPolicy;
import io.arbiter.journal.RetentionPolicy;
import io.arbiter.server.sequencer.WaitStrategyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerConfigLoaderTest
{
    private final ServerConfigLoader loader = new ServerConfigLoader();

    @Test
    void shouldLoadEmbeddedDefaults()
    {
        final ServerContext context = loader.loadDefaults();

        assertEquals(7001, context.port());
        assertEquals(7002, context.adminPort());
        assertEquals("./data", context.dataDir());
        assertEquals(WaitStrategyKind.LITE_BLOCKING, context.waitStrategy());
        assertEquals(3, context.instruments().size());
        assertEquals(Prices.UNIT / 100, context.instruments().stream()
            .filter(i -> i.symbol().equals("BTC-USD")).findFirst().orElseThrow().tickSizeUnits());
        assertTrue(context.accounts().stream().anyMatch(a -> a.name().equals("demo16") && a.id() == 16));
        assertTrue(context.accounts().stream().anyMatch(a -> a.name().startsWith("loadgen")));
    }

    @Test
    void shouldOverlayFileReplacingInstrumentsButKeepingOtherDefaults(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("node.properties");
        Files.writeString(file, "server.port=9001\ninstrument.XYZ=0.5,10\nsequencer.waitStrategy=busy-spin\n");

        final ServerContext context = loader.applyFile(loader.loadDefaults(), file);

        assertEquals(9001, context.port());
        assertEquals(7002, context.adminPort());
        assertEquals(1, context.instruments().size());
        assertEquals(Prices.UNIT / 2, context.instruments().get(0).tickSizeUnits());
        assertEquals(10, context.instruments().get(0).lotSize());
        assertEquals(WaitStrategyKind.BUSY_SPIN, context.waitStrategy());
        assertTrue(context.accounts().size() > 16);
    }

    @Test
    void shouldNameTheSettingTheValueAndTheAllowedValues()
    {
        assertMessage("invalid setting server.port=abc (test.properties): must be an integer in 0..65535",
            "server.port", "abc");
        assertMessage("invalid setting server.port=99999 (test.properties): must be 0..65535", "server.port", "99999");
        assertMessage("invalid setting sequencer.ringSize=1000 (test.properties): must be a power of two in 2..",
            "sequencer.ringSize", "1000");
        assertMessage("test.properties: instrument.BAD: 'x' is not <tick>,<lot>", "instrument.BAD", "x");
        assertMessage("invalid setting session.cancelOnDisconnect=yes (test.properties): must be true or false",
            "session.cancelOnDisconnect", "yes");
        assertMessage("invalid setting sequencer.waitStrategy=fast (test.properties): must be one of busy-spin, " +
            "yielding, sleeping, backoff, blocking", "sequencer.waitStrategy", "fast");
        assertMessage("invalid setting tracing.otlpEndpoint=collector:4318 (test.properties): must be empty, or an " +
            "http:// or https:// URL", "tracing.otlpEndpoint", "collector:4318");
    }

    @Test
    void shouldNameAnUnknownKeyAndTheClosestKnownOne()
    {
        assertMessage("test.properties: unknown key 'server.prot' (did you mean server.port?)", "server.prot", "1");
        assertMessage("test.properties: unknown key 'limits.maxconnection' (did you mean limits.maxConnections?)",
            "limits.maxconnection", "1");
        final Properties properties = new Properties();
        properties.setProperty("completely.different", "1");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> loader.apply(loader.loadDefaults(), properties, "test.properties"));
        assertEquals("test.properties: unknown key 'completely.different'", ex.getMessage());
    }

    @Test
    void shouldRejectInconsistentSettings()
    {
        final Properties properties = new Properties();
        properties.setProperty("session.idleTimeoutMs", "100");
        properties.setProperty("session.heartbeatIntervalMs", "200");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> loader.apply(loader.loadDefaults(), properties, "test"));
        assertEquals("test: invalid settings session.heartbeatIntervalMs=200 and session.idleTimeoutMs=100: " +
            "session.idleTimeoutMs must be above session.heartbeatIntervalMs", ex.getMessage());

        final Properties perAddress = new Properties();
        perAddress.setProperty("limits.maxConnections", "10");
        final ConfigException perAddressEx = assertThrows(ConfigException.class,
            () -> loader.apply(loader.loadDefaults(), perAddress, "test"));
        assertTrue(perAddressEx.getMessage().contains("limits.maxConnections must be at least " +
            "limits.maxConnectionsPerAddress"), perAddressEx.getMessage());
    }

    @Test
    void shouldCheckCrossRulesOnlyAfterTheLastLayer(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("node.properties");
        Files.writeString(file, "session.heartbeatIntervalMs=6000\n");
        final Properties overrides = new Properties();
        overrides.setProperty("session.idleTimeoutMs", "20000");

        final ServerContext context = loader.load(file, overrides, key -> "--" + key);

        assertEquals(6000, context.heartbeatIntervalMs());
        assertEquals(20000, context.idleTimeoutMs());
        final Properties bad = new Properties();
        bad.setProperty("server.port", "-5");
        final ConfigException ex = assertThrows(ConfigException.class, () -> loader.load(null, bad, key -> "--port"));
        assertEquals("invalid setting server.port=-5 (--port): must be 0..65535", ex.getMessage());
    }

    @Test
    void shouldRefuseAValueSetInCodeOutsideItsRange()
    {
        final ServerContext context = loader.loadDefaults().port(99999);
        final ConfigException ex = assertThrows(ConfigException.class, () -> ServerSettings.validate(context));
        assertEquals("invalid setting server.port=99999: must be 0..65535", ex.getMessage());
        final ServerContext ring = loader.loadDefaults().ringSize(1000);
        assertThrows(ConfigException.class, () -> ServerSettings.validate(ring));
    }

    @Test
    void shouldHoldTheTableDefaultsInANewContext()
    {
        final ServerContext fresh = new ServerContext();
        for (final Setting<?> setting : ServerSettings.all())
        {
            assertEquals(setting.defaultText(), setting.current(fresh), setting.key());
        }
        assertEquals(25_000_000L, fresh.overload().maxQueueDelayNs());
        assertEquals(null, fresh.tracing().otlpEndpoint());
    }

    @Test
    void shouldEnableMetricsByDefaultAndParseTheSwitch()
    {
        assertTrue(loader.loadDefaults().metricsEnabled());
        final Properties properties = new Properties();
        properties.setProperty("metrics.enabled", "false");
        assertFalse(loader.apply(loader.loadDefaults(), properties, "test").metricsEnabled());
        assertMessage("invalid setting metrics.enabled=off (test.properties): must be true or false",
            "metrics.enabled", "off");
    }

    @Test
    void shouldReportMissingFile(@TempDir final Path dir)
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> loader.applyFile(new ServerContext(), dir.resolve("missing.properties")));
        assertTrue(ex.getMessage().startsWith("config file not found"), ex.getMessage());
    }

    @Test
    void shouldParseInstrumentsWithAssetsAndFees()
    {
        final Properties properties = new Properties();
        properties.setProperty("instrument.A-B", "0.01,1");
        properties.setProperty("instrument.BTC-USDT", "0.01,2,BTC,USDT");
        properties.setProperty("instrument.ETH-USDT", "0.5 , 3 , ETH , USDT , -1 , 5");

        final ServerContext context = loader.apply(loader.loadDefaults(), properties, "test.properties");

        assertEquals(new InstrumentConfig("A-B", Prices.UNIT / 100, 1), context.instruments().get(0));
        assertFalse(context.instruments().get(0).hasAssets());
        assertEquals(new InstrumentConfig("BTC-USDT", Prices.UNIT / 100, 2, "BTC", "USDT", 0, 0, false),
            context.instruments().get(1));
        assertEquals(new InstrumentConfig("ETH-USDT", Prices.UNIT / 2, 3, "ETH", "USDT", -1, 5, true),
            context.instruments().get(2));
        assertEquals("0.5,3,ETH,USDT,-1,5", context.instruments().get(2).specification("0.5"));
        assertEquals("0.01,2,BTC,USDT", context.instruments().get(1).specification("0.01"));
    }

    @Test
    void shouldRefuseMalformedAssetsAndFees()
    {
        assertMessage("test.properties: instrument.X: '0.01,1,BTC' is not <tick>,<lot>[,<base>,<quote>",
            "instrument.X", "0.01,1,BTC");
        assertMessage("test.properties: instrument.X: base and quote must be two different assets: BTC",
            "instrument.X", "0.01,1,BTC,BTC");
        assertMessage("test.properties: instrument.X: quote asset longer than 8 characters",
            "instrument.X", "0.01,1,BTC,USDTUSDTUSDT");
        assertMessage("test.properties: instrument.X: base asset must not be empty", "instrument.X", "0.01,1,,USD");
        assertMessage("test.properties: instrument.X: maker fee must not exceed taker fee: 5 > 1",
            "instrument.X", "0.01,1,BTC,USD,5,1");
        assertMessage("test.properties: instrument.X: taker fee '10001' is not an integer number of basis points " +
            "from -10000 to 10000", "instrument.X", "0.01,1,BTC,USD,1,10001");
        assertMessage("test.properties: instrument.X: maker fee 'x' is not", "instrument.X", "0.01,1,BTC,USD,x,1");
    }

    private void assertMessage(final String expectedPart, final String key, final String value)
    {
        final Properties properties = new Properties();
        properties.setProperty(key, value);
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> loader.apply(loader.loadDefaults(), properties, "test.properties"));
        assertTrue(ex.getMessage().startsWith(expectedPart), ex.getMessage());
    }

    @Test
    void shouldDefaultToADurableJournalAndParseJournalKeys()
    {
        final ServerContext defaults = loader.loadDefaults();
        assertTrue(defaults.journalEnabled());
        assertEquals(DurabilityPolicy.BATCH, defaults.journalDurability());
        assertEquals(RetentionPolicy.KEEP, defaults.journalRetention());
        assertEquals(2, defaults.snapshotsToKeep());

        final Properties properties = new Properties();
        properties.setProperty("journal.durability", "Interval");
        properties.setProperty("journal.forceIntervalMs", "5");
        properties.setProperty("journal.segmentSizeBytes", "1_048_576");
        properties.setProperty("journal.retention", "archive");
        properties.setProperty("snapshot.intervalCommands", "0");
        properties.setProperty("snapshot.intervalSeconds", "60");
        properties.setProperty("snapshot.keep", "3");
        final ServerContext context = loader.apply(loader.loadDefaults(), properties, "test");
        assertEquals(DurabilityPolicy.INTERVAL, context.journalDurability());
        assertEquals(5, context.journalForceIntervalMs());
        assertEquals(1L << 20, context.journalSegmentSizeBytes());
        assertEquals(RetentionPolicy.ARCHIVE, context.journalRetention());
        assertEquals(0, context.snapshotIntervalCommands());
        assertEquals(60, context.snapshotIntervalSeconds());
        assertEquals(3, context.snapshotsToKeep());

        final Properties bad = new Properties();
        bad.setProperty("journal.durability", "sometimes");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> loader.apply(loader.loadDefaults(), bad, "test"));
        assertTrue(ex.getMessage().contains("journal.durability"), ex.getMessage());
    }
}
