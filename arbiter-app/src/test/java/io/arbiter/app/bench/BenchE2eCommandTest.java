package io.arbiter.app.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BenchE2eCommandTest
{
    @Test
    void shouldParseRatesWithSuffixes()
    {
        assertArrayEquals(new long[]{100_000, 250_000, 1_000_000, 1_500_000, 2_000},
            BenchE2eCommand.parseRates("100k, 250K,1m,1.5m,2000"));
        assertEquals(2_500, BenchE2eCommand.parseRate("2.5k", false));
        assertEquals(0, BenchE2eCommand.parseRate("0", true));
    }

    @Test
    void shouldRejectMalformedFractionalOrZeroRates()
    {
        assertThrows(IllegalArgumentException.class, () -> BenchE2eCommand.parseRates("100k,,1m"));
        assertThrows(IllegalArgumentException.class, () -> BenchE2eCommand.parseRate("fast", false));
        assertThrows(IllegalArgumentException.class, () -> BenchE2eCommand.parseRate("1.2345k", false));
        assertThrows(IllegalArgumentException.class, () -> BenchE2eCommand.parseRate("0", false));
        assertThrows(IllegalArgumentException.class, () -> BenchE2eCommand.parseRate("-5k", true));
    }

    @Test
    void shouldWarmUpFifteenSecondsForManyConnectionsUnlessTold()
    {
        assertEquals(TimeUnit.SECONDS.toNanos(2), parsed().warmupNs(), "a rate sweep keeps 2 s");
        assertEquals(BenchE2eCommand.MANY_CONNECTIONS_WARMUP_NS, parsed("--connections-sweep", "10,2000").warmupNs());
        assertEquals(TimeUnit.SECONDS.toNanos(15), parsed("--preset", "headline").warmupNs());
        assertEquals(TimeUnit.SECONDS.toNanos(3), parsed("--preset", "headline", "--warmup", "3s").warmupNs(),
            "an explicit warm-up wins");
        assertEquals(0, parsed("--connections-sweep", "2000", "--warmup", "0s").warmupNs());
    }

    private static BenchE2eCommand parsed(final String... args)
    {
        final BenchE2eCommand command = new BenchE2eCommand();
        new CommandLine(command).parseArgs(args);
        command.applyPreset();
        return command;
    }
}
