package io.arbiter.loadgen;

import io.arbiter.testsupport.FakeArbiterServer;
import io.arbiter.testsupport.JsonReader;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadReportTest
{
    @TempDir
    Path directory;

    @Test
    @SuppressWarnings("unchecked")
    void shouldWriteConsistentJsonHdrLogAndHtml() throws Exception
    {
        final File hdr = directory.resolve("run.hdr").toFile();
        final LoadResult result;
        try (FakeArbiterServer server = new FakeArbiterServer(new FakeArbiterServer.Options()
            .fillImmediateOrders(true)))
        {
            result = new LoadGenerator(LoadGeneratorTest.config(server.port(), 8, 3_000), LoadGeneratorTest
                .quietStream()).hdrLog(hdr).run();
        }

        final Map<String, Object> json = (Map<String, Object>)JsonReader.read(Json.write(result.describe()));

        final Map<String, Object> counts = (Map<String, Object>)json.get("counts");
        final double sentNew = number(counts, "sent_new_orders");
        assertTrue(sentNew > 0);
        assertEquals(sentNew, number(counts, "accepted") + number(counts, "rejected_new_orders") +
            number(counts, "unanswered_new_orders"), "every new order is accepted, rejected or unanswered");
        assertEquals(7_500, sentNew + number(counts, "sent_cancels") + number(counts, "sent_replaces"),
            "3,000/s for 2.5 s");
        assertEquals(7_500, number(counts, "scheduled_requests"));
        assertEquals(0, number(counts, "unsent_requests"));
        assertEquals(0, number(json, "errors"));

        final Map<String, Object> ack = (Map<String, Object>)json.get("ack_latency");
        double previous = 0;
        for (final String name : new String[]{"p50_ns", "p90_ns", "p99_ns", "p99_9_ns", "p99_99_ns", "max_ns"})
        {
            assertTrue(number(ack, name) >= previous, name + " is below the previous percentile: " + ack);
            previous = number(ack, name);
        }
        assertEquals(number(counts, "measured_acks"), number(ack, "count"));

        final Map<String, Object> perConnection = (Map<String, Object>)json.get("per_connection");
        final List<Object> acks = (List<Object>)perConnection.get("acks");
        assertEquals(8, acks.size());
        assertEquals(number(ack, "count"), acks.stream().mapToDouble(v -> (Double)v).sum(),
            "per-connection acks add up to the measured acks");

        final List<Object> series = (List<Object>)json.get("time_series");
        assertFalse(series.isEmpty());
        for (final Object point : series)
        {
            final Map<String, Object> p = (Map<String, Object>)point;
            assertTrue(number(p, "p50_ns") <= number(p, "p99_ns") && number(p, "p99_ns") <= number(p, "max_ns"));
        }

        long logged = 0;
        try (HistogramLogReader reader = new HistogramLogReader(hdr))
        {
            Histogram interval;
            while ((interval = (Histogram)reader.nextIntervalHistogram()) != null)
            {
                logged += interval.getTotalCount();
            }
        }
        assertEquals(result.ackLatency.getTotalCount(), logged,
            "the HdrHistogram log holds every measured acknowledgement, late answers included");

        final String html = HtmlReport.render(result, "test run");
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.endsWith("</html>\n"));
        assertEquals(4, html.split("<svg ", -1).length - 1, "four charts");
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), "no external resources");
        // Left in target/ for a look at the charts; the test does not depend on it.
        Files.writeString(Path.of("target", "loadgen-report-sample.html"), html, StandardCharsets.UTF_8);
    }

    @Test
    void shouldParseDurations()
    {
        assertEquals(500_000_000L, Durations.parseNs("500ms"));
        assertEquals(30_000_000_000L, Durations.parseNs("30s"));
        assertEquals(120_000_000_000L, Durations.parseNs("2m"));
        assertEquals(7_000_000_000L, Durations.parseNs("7"));
        assertThrowsIllegal("2x");
        assertThrowsIllegal("ms");
    }

    @Test
    void shouldParsePrometheusServerFigures()
    {
        final Map<String, Double> values = ServerProbe.parsePrometheus(
            "# HELP process_cpu_seconds_total x\nprocess_cpu_seconds_total 12.5\n" +
            "process_resident_memory_bytes 1.048576E8\n" +
            "jvm_gc_collection_seconds_count{gc=\"G1 Young Generation\"} 3\n" +
            "jvm_gc_collection_seconds_count{gc=\"G1 Old Generation\"} 1\n" +
            "jvm_gc_pause_seconds_max{action=\"end of minor GC\"} 0.012\n");

        assertEquals(12.5, values.get("cpu_seconds"));
        assertEquals(104_857_600.0, values.get("rss_bytes"));
        assertEquals(4.0, values.get("gc_count"));
        assertEquals(0.012, values.get("gc_pause_max_seconds"));
    }

    private static void assertThrowsIllegal(final String text)
    {
        try
        {
            Durations.parseNs(text);
        }
        catch (final IllegalArgumentException expected)
        {
            return;
        }
        throw new AssertionError("accepted " + text);
    }

    private static double number(final Map<String, Object> map, final String key)
    {
        final Object value = map.get(key);
        assertTrue(value instanceof Double, key + " is not a number: " + value);
        return (Double)value;
    }
}
