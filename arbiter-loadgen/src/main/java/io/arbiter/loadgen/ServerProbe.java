package io.arbiter.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads server-side figures (CPU %, RSS, GC count and pause) at the start and end of the measured period: from a
 * Prometheus text {@code /metrics} URL when given, else from {@code /proc/<pid>} of a local server process, else
 * reports "n/a". Used by the load generator's main thread only; produces garbage.
 */
final class ServerProbe
{
    private static final String NA = "n/a";
    private static final long CLOCK_TICKS_PER_S = 100;

    private final String metricsUrl;
    private final long pid;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private Map<String, Double> before;
    private long beforeNs;
    private String source = NA;

    ServerProbe(final String metricsUrl, final long pid)
    {
        this.metricsUrl = metricsUrl;
        this.pid = pid;
    }

    void begin()
    {
        before = sample();
        beforeNs = System.nanoTime();
    }

    void end()
    {
        final Map<String, Double> after = sample();
        final double seconds = (System.nanoTime() - beforeNs) / 1e9;
        if (before == null || after == null)
        {
            return;
        }
        final Double cpuBefore = before.get("cpu_seconds");
        final Double cpuAfter = after.get("cpu_seconds");
        if (cpuBefore != null && cpuAfter != null && seconds > 0)
        {
            figures.put("cpu_percent", round((cpuAfter - cpuBefore) / seconds * 100));
        }
        if (after.containsKey("rss_bytes"))
        {
            figures.put("rss_mb", round(after.get("rss_bytes") / (1024 * 1024)));
        }
        if (after.containsKey("rss_peak_bytes"))
        {
            figures.put("rss_peak_mb", round(after.get("rss_peak_bytes") / (1024 * 1024)));
        }
        final Double gcBefore = before.get("gc_count");
        final Double gcAfter = after.get("gc_count");
        if (gcBefore != null && gcAfter != null)
        {
            figures.put("gc_count", Math.round(gcAfter - gcBefore));
        }
        if (after.containsKey("gc_pause_max_seconds"))
        {
            figures.put("gc_max_pause_ms", round(after.get("gc_pause_max_seconds") * 1000));
        }
    }

    Map<String, Object> describe()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", source);
        for (final String name : new String[]{"cpu_percent", "rss_mb", "rss_peak_mb", "gc_count", "gc_max_pause_ms"})
        {
            map.put(name, figures.getOrDefault(name, NA));
        }
        return map;
    }

    private Map<String, Double> sample()
    {
        if (metricsUrl != null)
        {
            final Map<String, Double> values = fromMetrics();
            if (values != null)
            {
                source = metricsUrl;
                return values;
            }
        }
        if (pid > 0)
        {
            final Map<String, Double> values = fromProc();
            if (values != null)
            {
                source = "/proc/" + pid;
                return values;
            }
        }
        return null;
    }

    private Map<String, Double> fromMetrics()
    {
        try
        {
            final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            final HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(metricsUrl)).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200)
            {
                return null;
            }
            return parsePrometheus(response.body());
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static Map<String, Double> parsePrometheus(final String text)
    {
        final Map<String, Double> values = new LinkedHashMap<>();
        double gcCount = 0;
        boolean anyGc = false;
        double gcMax = 0;
        boolean anyGcMax = false;
        for (final String line : text.split("\n"))
        {
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final int space = line.lastIndexOf(' ');
            if (space < 0)
            {
                continue;
            }
            final String series = line.substring(0, space).trim();
            final String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
            final double value;
            try
            {
                value = Double.parseDouble(line.substring(space + 1).trim());
            }
            catch (final NumberFormatException ex)
            {
                continue;
            }
            switch (name)
            {
                case "process_cpu_seconds_total":
                    values.put("cpu_seconds", value);
                    break;
                case "process_resident_memory_bytes":
                    values.put("rss_bytes", value);
                    break;
                case "jvm_gc_collection_seconds_count":
                case "jvm_gc_pause_seconds_count":
                    gcCount += value;
                    anyGc = true;
                    break;
                case "jvm_gc_pause_seconds_max":
                case "jvm_gc_collection_seconds_max":
                case "arbiter_gc_pause_max_seconds":
                    gcMax = Math.max(gcMax, value);
                    anyGcMax = true;
                    break;
                default:
                    break;
            }
        }
        if (anyGc)
        {
            values.put("gc_count", gcCount);
        }
        if (anyGcMax)
        {
            values.put("gc_pause_max_seconds", gcMax);
        }
        return values;
    }

    private Map<String, Double> fromProc()
    {
        try
        {
            final Map<String, Double> values = new LinkedHashMap<>();
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields after the command name start at field 3 (state); utime and stime are fields 14 and 15.
            final double ticks = Double.parseDouble(fields[11]) + Double.parseDouble(fields[12]);
            values.put("cpu_seconds", ticks / CLOCK_TICKS_PER_S);
            for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")))
            {
                if (line.startsWith("VmRSS:"))
                {
                    values.put("rss_bytes", kilobytes(line) * 1024);
                }
                else if (line.startsWith("VmHWM:"))
                {
                    values.put("rss_peak_bytes", kilobytes(line) * 1024);
                }
            }
            return values;
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    private static double kilobytes(final String line)
    {
        return Double.parseDouble(line.replaceAll("[^0-9]", ""));
    }

    private static double round(final double value)
    {
        return Double.parseDouble(String.format(Locale.ROOT, "%.1f", value));
    }
}
