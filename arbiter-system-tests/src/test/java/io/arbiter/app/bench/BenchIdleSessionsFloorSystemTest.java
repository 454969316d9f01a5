package io.arbiter.app.bench;

import io.arbiter.testsupport.JsonReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("slow")
class BenchIdleSessionsFloorSystemTest
{
    @TempDir
    Path directory;

    @Test
    // Liveness only: a quiet run takes about 10 s (a child JVM and four short echo steps); 300 s is far beyond that.
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    @SuppressWarnings("unchecked")
    void shouldMeasureTheActiveEchoBesideIdleEchoConnectionsHeldByAChildProcess() throws Exception
    {
        final Path json = directory.resolve("idle-floor.json");
        final CapturedRun run = CapturedRun.execute(new BenchIdleSessionsCommand(), "--floor", "--sessions", "20",
            "--heartbeat-ms", "100", "--rate", "2k", "--step-duration", "500ms", "--warmup", "200ms",
            "--json", json.toString());
        final String text = run.out();
        assertEquals(0, run.exitCode(), text + run.err());
        assertTrue(text.contains("idle echo connections (the floor, no node): 20 "), text);
        assertTrue(run.err().contains("20 idle echo connections open"), "held by the child");

        final Map<String, Object> figures = (Map<String, Object>)JsonReader.read(Files.readString(json));
        assertEquals(true, figures.get("floor"));
        for (final String step : new String[]{ "active_without_idle", "active_with_idle", "active_after_idle" })
        {
            final Map<String, Object> active = (Map<String, Object>)figures.get(step);
            assertTrue(((Number)active.get("ack_p50_ns")).longValue() > 0, step + ": " + active);
            assertTrue(((Number)active.get("achieved_per_s")).doubleValue() > 0, step + ": " + active);
        }
        assertTrue(figures.get("p50_with_idle_over_without").toString().matches("[0-9]+\\.[0-9]{2}|none: .*"),
            "a ratio, or why there is none: " + figures.get("p50_with_idle_over_without"));
        assertEquals(false, figures.get("durable_floor"));
    }

    @Test
    // Liveness only, as above.
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    @SuppressWarnings("unchecked")
    void shouldForceTheActiveEchoForTheDurableFloor() throws Exception
    {
        final Path json = directory.resolve("idle-durable-floor.json");
        final CapturedRun run = CapturedRun.execute(new BenchIdleSessionsCommand(), "--floor", "--durable-floor",
            "--sessions", "10", "--heartbeat-ms", "100", "--rate", "1k", "--step-duration", "500ms", "--warmup",
            "200ms", "--json", json.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("active: 4 durable echo connections"), run.out());
        assertTrue(run.err().contains("durable echo server in-process"), run.err());
        final Map<String, Object> figures = (Map<String, Object>)JsonReader.read(Files.readString(json));
        assertEquals(true, figures.get("durable_floor"));
        assertTrue(((Number)((Map<String, Object>)figures.get("active_with_idle")).get("ack_p50_ns")).longValue() > 0);
    }

    @Test
    void shouldRefuseTheDurableFloorWithoutTheFloor()
    {
        final CapturedRun run = CapturedRun.execute(new BenchIdleSessionsCommand(), "--durable-floor");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--durable-floor needs --floor"), run.err());
    }
}
