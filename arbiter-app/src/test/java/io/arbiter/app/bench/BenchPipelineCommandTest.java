package io.arbiter.app.bench;

import io.arbiter.app.ArbiterMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchPipelineCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPublishOneByOneWhenAskedAndRecordItInTheJson() throws Exception
    {
        final Path json = dir.resolve("pipeline.json");
        final StringWriter out = new StringWriter();
        final int exit = run(out, new StringWriter(), "bench", "pipeline", "--publish-batch", "1", "--warmup", "20000",
            "--commands", "50000", "--rate", "20000", "--latency-warmup-seconds", "0", "--latency-seconds", "1",
            "--json", json.toString());

        assertEquals(0, exit, out.toString());
        assertTrue(out.toString().contains("publish batch 1"), out.toString());
        assertTrue(Files.readString(json, StandardCharsets.UTF_8).contains("\"publishBatch\": 1,"));
    }

    @Test
    void shouldRejectAPublishBatchOutsideTheRing()
    {
        final StringWriter err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, "bench", "pipeline", "--publish-batch", "0"));
        assertTrue(err.toString().contains("--publish-batch"), err.toString());
        assertEquals(2, run(new StringWriter(), new StringWriter(), "bench", "pipeline", "--ring-size", "1024",
            "--publish-batch", "2048"));
    }

    private static int run(final StringWriter out, final StringWriter err, final String... args)
    {
        final CommandLine commandLine = ArbiterMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
