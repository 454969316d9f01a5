package io.arbiter.app.bench;

import io.arbiter.loadgen.CpuSplit;
import io.arbiter.loadgen.EchoBenchmark;
import io.arbiter.loadgen.JvmActivity;
import io.arbiter.loadgen.LatencySummary;
import io.arbiter.loadgen.SweepStep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of {@code arbiter bench e2e --connections-sweep}: one total rate spread over each number of connections
 * in turn, each point with the node's ack latency, the TCP echo over the same connections and rate, and the CPU per
 * request. One thread; produces garbage.
 */
final class E2eConnectionSweep
{
    private final long rate;
    private final List<Map<String, Object>> points = new ArrayList<>();
    private final StringBuilder table = new StringBuilder(1024);
    private final StringBuilder notes = new StringBuilder(256);

    /**
     * @param rate the total offered rate of every point, requests per second.
     */
    E2eConnectionSweep(final long rate)
    {
        this.rate = rate;
        table.append(String.format(Locale.ROOT, "%11s %10s %9s %9s %10s %10s %9s %9s %9s %9s %5s%n",
            "connections", "achieved/s", "p50 us", "p99 us", "echo p50", "echo p99", "p50/echo", "p99/echo",
            "node us/r", "lg us/r", "ok"));
    }

    /**
     * Adds one point.
     *
     * @param connections the connections of the point.
     * @param sweep       the one-step sweep at {@link #rate} over them.
     * @param echo        the echo over the same connections and rate, or null.
     * @param floor       the durable echo over the same connections and rate ({@code bench echo --durable}), or
     *                    null.
     */
    void add(final int connections, final E2eSweep sweep, final EchoBenchmark.Result echo,
        final EchoBenchmark.Result floor)
    {
        final Map<String, Object> point = new LinkedHashMap<>();
        point.put("connections", connections);
        point.put("rate_per_s", rate);
        final SweepStep step = sweep.steps.isEmpty() ? null : sweep.steps.get(0);
        final CpuSplit cpu = sweep.cpu.isEmpty() ? null : sweep.cpu.get(0);
        final long requests = sweep.requests.isEmpty() ? 0 : sweep.requests.get(0);
        final LatencySummary echoLatency = echo == null ? null : LatencySummary.of(echo.histogram());
        point.put("step", step == null ? null : step.describe());
        point.put("cpu", cpu == null ? null : cpu.describe(requests));
        point.put("echo", echo == null ? null : echo.figures());
        point.put("echo_durable", floor == null ? null : floor.figures());
        final JvmActivity jvm = sweep.jvm.isEmpty() ? null : sweep.jvm.get(0);
        point.put("jvm", jvm == null ? null : jvm.describe());
        points.add(point);
        if (jvm != null)
        {
            notes.append(String.format(Locale.ROOT, "  %d connections, JVM in the measured period: %s%n", connections,
                jvm.line()));
        }
        if (step == null)
        {
            table.append(String.format(Locale.ROOT, "%11d  no step ran%n", connections));
            return;
        }
        final double p50 = step.ack().p50() / 1e3;
        final double p99 = step.ack().p99() / 1e3;
        final double echoP50 = echoLatency == null ? Double.NaN : echoLatency.p50() / 1e3;
        final double echoP99 = echoLatency == null ? Double.NaN : echoLatency.p99() / 1e3;
        point.put("p50_over_echo_p50", echoLatency == null || echoP50 == 0 ? null : p50 / echoP50);
        point.put("p99_over_echo_p99", echoLatency == null || echoP99 == 0 ? null : p99 / echoP99);
        if (floor != null)
        {
            final LatencySummary f = LatencySummary.of(floor.histogram());
            final double floorP50 = f.p50() / 1e3;
            point.put("p50_over_durable_echo_p50", floorP50 == 0 ? null : p50 / floorP50);
            notes.append(String.format(Locale.ROOT, "  %d connections, durable echo (the floor, bench echo " +
                "--durable): p50 %.1f us, p99 %.1f us, force p50 %.1f us; p50 / durable echo p50 %.2f, " +
                "durable echo p50 / echo p50 %.2f%n", connections, floorP50, f.p99() / 1e3,
                ((Number)floor.figures().get("force_p50_ns")).longValue() / 1e3, p50 / floorP50,
                floorP50 / echoP50));
        }
        table.append(String.format(Locale.ROOT, "%11d %10.0f %9.1f %9.1f %10.1f %10.1f %9.2f %9.2f %9.2f %9.2f %5s%n",
            connections, step.achievedPerS(), p50, p99, echoP50, echoP99, p50 / echoP50, p99 / echoP99,
            cpu == null ? Double.NaN : cpu.nodeMicrosPerRequest(requests),
            cpu == null ? Double.NaN : cpu.clientMicrosPerRequest(requests), step.keptUp() ? "yes" : "NO"));
    }

    /**
     * @return the points as a plain-text table (latency in microseconds; CPU per request of the node's threads and
     *         of the load generator's event loops, when the node ran in this process).
     */
    String table()
    {
        return table.toString() + notes;
    }

    /**
     * @return every point's figures, for the JSON report.
     */
    List<Map<String, Object>> points()
    {
        return points;
    }
}
