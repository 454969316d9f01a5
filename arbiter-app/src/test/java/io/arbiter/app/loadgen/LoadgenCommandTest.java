package io.arbiter.app.loadgen;

import io.arbiter.loadgen.LoadGeneratorConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadgenCommandTest
{
    @Test
    void shouldTranslateOptionsIntoTheRunConfiguration()
    {
        final LoadgenCommand command = new LoadgenCommand();
        new CommandLine(command).parseArgs("--connections", "2000", "--rate", "50000", "--duration", "2m",
            "--warmup", "500ms", "--batch", "8", "--accounts", "a:x,b:y", "--tick-size", "0.5", "--mid", "250.25",
            "--seed", "9");

        final LoadGeneratorConfig config = command.config();
        config.validate();
        final Map<String, Object> described = config.describe();

        assertEquals(2000, described.get("connections"));
        assertEquals(50_000L, described.get("rate_per_s"));
        assertEquals(120_000L, described.get("duration_ms"));
        assertEquals(500L, described.get("warmup_ms"));
        assertEquals(8, described.get("batch"));
        assertEquals(9L, described.get("seed"));
        assertEquals(50_000_000L, described.get("tick_size"));
        assertEquals(25_000_000_000L, described.get("mid_price"), "250.25 rounded down to the 0.5 grid");
        assertEquals(10, described.get("max_open_orders_per_connection"), "20,000 spread over 2,000 connections");
        assertEquals(2, config.effectiveAccounts().size());
        assertEquals("b", config.effectiveAccounts().get(1)[0]);
    }

    @Test
    void shouldFundWithTheSymbolsAssetsOrTheGivenOnes()
    {
        final LoadgenCommand derived = new LoadgenCommand();
        new CommandLine(derived).parseArgs("--symbol", "BTC-USDT", "--fund", "1000", "--mid", "250", "--host",
            "10.0.0.1", "--admin-port", "7102", "--admin-token", "t");
        final LoadGeneratorConfig config = derived.config();
        config.validate();
        assertEquals("1000 USDT + 4 BTC", config.describe().get("fund_per_account"));

        final LoadgenCommand given = new LoadgenCommand();
        new CommandLine(given).parseArgs("--symbol", "XBTUSD", "--fund", "0.5", "--assets", "XBT,USD");
        assertEquals("0.5 USD + 0.005 XBT", given.config().describe().get("fund_per_account"));

        final LoadgenCommand unnamed = new LoadgenCommand();
        new CommandLine(unnamed).parseArgs("--symbol", "XBTUSD", "--fund", "1");
        assertThrows(IllegalArgumentException.class, unnamed::config);
        final LoadgenCommand negative = new LoadgenCommand();
        new CommandLine(negative).parseArgs("--fund", "-1");
        assertThrows(IllegalArgumentException.class, negative::config);
        final LoadgenCommand none = new LoadgenCommand();
        new CommandLine(none).parseArgs();
        assertEquals(null, none.config().describe().get("fund_per_account"));
    }

    @Test
    void shouldDefaultToTheServersLoadgenAccounts()
    {
        final LoadgenCommand command = new LoadgenCommand();
        new CommandLine(command).parseArgs();

        final LoadGeneratorConfig config = command.config();

        assertEquals(4, config.effectiveAccounts().size());
        assertEquals("loadgen1", config.effectiveAccounts().get(0)[0]);
        assertEquals("loadgen-secret", config.effectiveAccounts().get(0)[1]);
        assertEquals(7001, config.describe().get("port"));
    }

    @Test
    void shouldRejectBadDurationsAndMixes()
    {
        assertThrows(CommandLine.ParameterException.class,
            () -> new CommandLine(new LoadgenCommand()).parseArgs("--duration", "10 parsecs"));
        final LoadgenCommand command = new LoadgenCommand();
        new CommandLine(command).parseArgs("--mix", "50,50,50,0,0,0");
        assertThrows(IllegalArgumentException.class, () -> command.config().validate());
        assertTrue(new CommandLine(new LoadgenCommand()).getUsageMessage().contains("--report"));
    }

    @Test
    void shouldApplyTheHeadlinePresetUnlessAnOptionOverridesIt()
    {
        final LoadgenCommand headline = new LoadgenCommand();
        new CommandLine(headline).parseArgs("--preset", "headline");
        final Map<String, Object> described = headline.config().describe();
        assertEquals(2000, described.get("connections"));
        assertEquals(1_500_000L, described.get("rate_per_s"));
        assertTrue(String.valueOf(described.get("mix")).contains("buy=50%"));

        final LoadgenCommand overridden = new LoadgenCommand();
        new CommandLine(overridden).parseArgs("--preset", "headline", "--rate", "1000");
        assertEquals(1_000L, overridden.config().describe().get("rate_per_s"));
        assertEquals(2000, overridden.config().describe().get("connections"));

        final LoadgenCommand unknown = new LoadgenCommand();
        new CommandLine(unknown).parseArgs("--preset", "fastest");
        assertThrows(IllegalArgumentException.class, unknown::config);
    }
}
