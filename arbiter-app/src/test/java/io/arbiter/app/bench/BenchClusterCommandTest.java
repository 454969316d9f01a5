package io.arbiter.app.bench;

import io.arbiter.app.ArbiterMain;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchClusterCommandTest
{
    @Test
    void shouldSpellDurationsAndRatesAsTheOtherBenchmarksDo()
    {
        final StringWriter out = new StringWriter();
        assertEquals(ArbiterMain.EXIT_OK, run(out, new StringWriter(), "bench", "cluster", "--help"));
        final String help = out.toString();
        assertTrue(help.contains("--duration=DURATION"), help);
        assertTrue(help.contains("--warmup=DURATION"), help);
        assertTrue(help.contains("k and m suffixes"), help);
    }

    @Test
    void shouldRejectARateThatIsNotARate()
    {
        final StringWriter err = new StringWriter();
        assertEquals(ArbiterMain.EXIT_USAGE, run(new StringWriter(), err, "bench", "cluster", "--rate", "fast"));
        assertTrue(err.toString().contains("--rate"), err.toString());
        assertEquals(ArbiterMain.EXIT_USAGE, run(new StringWriter(), new StringWriter(), "bench", "cluster",
            "--rate", "0"));
    }

    @Test
    void shouldRejectADurationTooShortToMeasureAndFailoversWithTooFewMembers()
    {
        final StringWriter err = new StringWriter();
        assertEquals(ArbiterMain.EXIT_USAGE, run(new StringWriter(), err, "bench", "cluster", "--duration", "50ms"));
        assertTrue(err.toString().contains("--duration at least 100ms"), err.toString());
        assertEquals(ArbiterMain.EXIT_USAGE, run(new StringWriter(), new StringWriter(), "bench", "cluster",
            "--members", "1", "--failovers", "2"));
        assertEquals(ArbiterMain.EXIT_USAGE, run(new StringWriter(), new StringWriter(), "bench", "cluster",
            "--warmup-s", "-1"));
    }

    private static int run(final StringWriter out, final StringWriter err, final String... args)
    {
        final CommandLine commandLine = ArbiterMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
