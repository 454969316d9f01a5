package io.arbiter.app.bench;

import io.arbiter.testsupport.JsonReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("slow")
class BenchE2eCommandSystemTest
{
    private static final String[] PERCENTILES = {"p50_ns", "p90_ns", "p99_ns", "p99_9_ns", "p99_99_ns", "max_ns"};

    @TempDir
    Path directory;

    @Test
    // Liveness only: a quiet run takes about 10 s; 300 s is far beyond 10x that.
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldSweepTwoStepsAndWriteConsistentJsonAndHtml() throws Exception
    {
        final Path json = directory.resolve("e2e.json");
        final Path report = directory.resolve("e2e.html");
        final CapturedRun run = CapturedRun.execute(new BenchE2eCommand(), "--rates", "2k,4k", "--step-duration",
            "1s", "--warmup", "500ms", "--connections", "8", "--echo-rate", "5k", "--echo-duration", "1s",
            "--tick", "200us", "--json", json.toString(), "--report", report.toString());
        final String table = run.out();
        assertEquals(0, run.exitCode(), table + run.err());

        final Map<String, Object> figures = map(JsonReader.read(Files.readString(json)));
        assertEquals(200.0, number(map(figures.get("config")).get("tick_us")), "the load generator's tick");
        final List<Object> steps = list(figures.get("steps"));
        // The sweep stops after a step that cannot keep up with its offered rate; on a loaded machine that may be
        // the first step. Either way the figures must say so consistently.
        final boolean stoppedEarly = Boolean.TRUE.equals(figures.get("stopped_early"));
        assertEquals(stoppedEarly ? 1 : 2, steps.size(), "steps run: " + figures.get("stop_reason"));
        assertEquals(stoppedEarly, figures.get("stop_reason") != null, "a reason exactly when stopped early");
        final long[] offered = {2_000, 4_000};
        for (int i = 0; i < steps.size(); i++)
        {
            final Map<String, Object> step = map(steps.get(i));
            assertEquals(offered[i], number(step.get("offered_per_s")), "steps in order");
            final double achieved = number(step.get("achieved_per_s"));
            assertTrue(achieved > 0 && achieved <= offered[i] * 1.1, "achieved " + achieved);
            assertTrue(number(step.get("sent_per_s")) <= offered[i] * 1.1);
            assertEquals(0.0, number(step.get("errors")));
            final Map<String, Object> ack = map(step.get("ack_latency"));
            assertTrue(number(ack.get("count")) > 0);
            double previous = 0;
            for (final String percentile : PERCENTILES)
            {
                final double value = number(ack.get(percentile));
                assertTrue(value >= previous && value > 0, percentile + " " + value + " after " + previous);
                previous = value;
            }
            assertTrue(table.contains(String.format(" %11d ", offered[i])), table);
            final Map<String, Object> cpu = map(step.get("cpu"));
            final double requests = number(cpu.get("requests"));
            assertTrue(requests >= number(step.get("sent_per_s")), "the whole schedule's requests: " + cpu);
            assertTrue(number(cpu.get("node_cpu_s")) > 0 && number(cpu.get("load_generator_cpu_s")) > 0,
                cpu.toString());
            assertTrue(number(cpu.get("node_cpu_s")) + number(cpu.get("load_generator_cpu_s")) <=
                number(cpu.get("process_cpu_s")) + 0.05, "node and load generator are parts of the process: " + cpu);
            assertEquals(number(cpu.get("node_cpu_s")) * 1e6 / requests, number(cpu.get("node_us_per_request")),
                0.01 + number(cpu.get("node_us_per_request")) * 0.01);
            assertTrue(table.contains("  step " + (i + 1) + " CPU: "), table);
            // what the connections batched: at most --batch (default 8) requests per write, logons' writes included
            final double perWrite = number(step.get("requests_per_write"));
            assertTrue(perWrite > 0 && perWrite <= 8, "requests per socket write " + perWrite);
            assertTrue(table.matches("(?s).*  step " + (i + 1) + " CPU: [^\n]*; [0-9.]+ requests per socket write\n.*"),
                table);
            final Map<String, Object> jvm = map(step.get("jvm"));
            assertTrue(number(jvm.get("wall_ms")) >= 1_000, "the measured period and its drain: " + jvm);
            assertTrue(number(jvm.get("gc_collections")) >= 0 && number(jvm.get("gc_ms")) >= 0, jvm.toString());
            assertEquals(number(jvm.get("jit_compile_ms")) <= 0.25 * number(jvm.get("wall_ms")), jvm.get("warm"),
                jvm.toString());
            assertTrue(table.contains("  step " + (i + 1) + " JVM: JIT compiling "), table);
            // the in-process node's stages under the default batch durability: p99 at or above p50, in the line too
            final Map<String, Object> stages = map(step.get("node_stages"));
            assertTrue(number(stages.get("journal_force_p99_ns")) >= number(stages.get("journal_force_p50_ns")),
                stages.toString());
            assertTrue(number(stages.get("reply_hold_p99_ns")) >= number(stages.get("reply_hold_p50_ns")),
                stages.toString());
            assertTrue(number(stages.get("egress_write_p99_ns")) >= number(stages.get("egress_write_p50_ns")),
                stages.toString());
            assertTrue(table.matches("(?s).*  step " + (i + 1) + " node p50: ring wait [0-9.]+ us \\(p99 [0-9.]+ " +
                "us\\), journal force [0-9.]+ us \\(p99 [0-9.]+ us\\), reply hold [0-9.]+ us \\(p99 [0-9.]+ us\\), " +
                "egress write [0-9.]+ us \\(p99 [0-9.]+ us\\).*"),
                table);
        }
        final Map<String, Object> echo = map(figures.get("echo"));
        assertEquals(5_000.0, number(echo.get("rate_per_s")));
        assertTrue(number(echo.get("p50_ns")) > 0 && number(echo.get("p50_ns")) <= number(echo.get("max_ns")));
        final double ratio = number(figures.get("e2e_over_echo_p50_lowest_rate"));
        final double expected = number(map(map(steps.get(0)).get("ack_latency")).get("p50_ns")) /
            number(echo.get("p50_ns"));
        assertEquals(expected, ratio, 0.01);

        final String html = Files.readString(report);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.trim().endsWith("</html>"));
        assertTrue(html.contains("<svg ") && html.contains("(log scale)"));
        assertFalse(html.contains("<script") || html.contains(" src=") || html.contains(" href="),
            "self-contained");
        assertTrue(html.contains("Latency versus throughput"));
        final int p50Line = html.indexOf("<polyline fill=\"none\" stroke=\"#2ca02c\"");
        assertTrue(p50Line > 0);
        final String points = html.substring(html.indexOf("points=\"", p50Line) + 8,
            html.indexOf("\"/>", p50Line));
        assertEquals(steps.size(), points.trim().split(" ").length, "one p50 point per step: " + points);
        for (int i = 0; i < steps.size(); i++)
        {
            assertTrue(html.contains(String.format(" %11d ", offered[i])), "table row for " + offered[i]);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(final Object value)
    {
        assertTrue(value instanceof Map, "expected an object: " + value);
        return (Map<String, Object>)value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(final Object value)
    {
        assertTrue(value instanceof List, "expected an array: " + value);
        return (List<Object>)value;
    }

    private static double number(final Object value)
    {
        assertTrue(value instanceof Double, "expected a number: " + value);
        return (Double)value;
    }
}
