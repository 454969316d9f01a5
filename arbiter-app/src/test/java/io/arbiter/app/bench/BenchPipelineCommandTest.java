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
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertTrue(out.toString().contains("queue disruptor, layout client-thread (2 threads)"), out.toString());
        final String written = Files.readString(json, StandardCharsets.UTF_8);
        assertTrue(written.contains("\"publishBatch\": 1,"), written);
        assertTrue(written.contains("\"layout\": \"client-thread\","), written);
        assertTrue(written.contains("\"consistent\": true"), written);
    }

    @Test
    void shouldJournalEveryCommandAndAnswerEachOnceDurableWithJournalBatch() throws Exception
    {
        final Path json = dir.resolve("journal.json");
        final StringWriter out = new StringWriter();
        final int exit = run(out, new StringWriter(), "bench", "pipeline", "--journal", "--warmup", "20000",
            "--commands", "50000", "--rate", "20000", "--latency-warmup-seconds", "0", "--latency-seconds", "1",
            "--json", json.toString());

        assertEquals(0, exit, out.toString());
        assertTrue(out.toString().contains("(3 threads)"), out.toString());
        assertTrue(out.toString().contains("journal batch"), out.toString());
        final String written = Files.readString(json, StandardCharsets.UTF_8);
        assertTrue(written.contains("\"journal\": \"batch\","), written);
        assertTrue(written.contains("\"consistent\": true"), written);
        assertFalse(written.contains("\"journaled\": 0,"), "commands were journaled: " + written);
    }

    @Test
    void shouldRunTheAgronaIngressWithASeparateConsumerAndRecordBothInTheJson() throws Exception
    {
        final Path json = dir.resolve("agrona.json");
        final StringWriter out = new StringWriter();
        final int exit = run(out, new StringWriter(), "bench", "pipeline", "--queue", "AGRONA",
            "--separate-consumer", "--warmup", "20000", "--commands", "50000", "--rate", "20000",
            "--latency-warmup-seconds", "0", "--latency-seconds", "1", "--json", json.toString());

        assertEquals(0, exit, out.toString());
        assertTrue(out.toString().contains("queue agrona, layout separate-consumer (3 threads)"), out.toString());
        final String written = Files.readString(json, StandardCharsets.UTF_8);
        assertTrue(written.contains("\"queue\": \"agrona\","), written);
        assertTrue(written.contains("\"layout\": \"separate-consumer\","), written);
        assertTrue(written.contains("\"threads\": 3,"), written);
    }

    @Test
    void shouldRejectAnUnknownQueueNamingTheChoices()
    {
        final StringWriter err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, "bench", "pipeline", "--queue", "lmax"));
        assertTrue(err.toString().contains("--queue: unknown queue 'lmax', expected one of disruptor, agrona, abq"),
            err.toString());
    }

    @Test
    void shouldDescribeTheThreadLayoutAndQueuesInTheHelp()
    {
        final StringWriter out = new StringWriter();
        assertEquals(0, run(out, new StringWriter(), "bench", "pipeline", "--help"));
        assertTrue(out.toString().contains("--separate-consumer"), out.toString());
        assertTrue(out.toString().contains("--queue=QUEUE"), out.toString());
        assertTrue(out.toString().contains("two") && out.toString().contains("busy threads"), out.toString());
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
