package io.arbiter.app.bench;

import io.arbiter.loadgen.CpuSplit;
import io.arbiter.loadgen.EchoBenchmark;
import io.arbiter.loadgen.JvmActivity;
import io.arbiter.loadgen.LatencySummary;
import io.arbiter.loadgen.SweepStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The result of one {@code arbiter bench e2e} sweep: the steps run so far, where latency broke and why the sweep
 * stopped early, and how it reads as a table and a verdict. Mutable while {@link BenchE2eCommand} runs it; one
 * thread; produces garbage.
 */
final class E2eSweep
{
    final List<SweepStep> steps = new ArrayList<>();
    /** CPU used by each step's run (warm-up, measured period and drain; null if no connection), in step order. */
    final List<CpuSplit> cpu = new ArrayList<>();
    /** Requests sent in each step's run, warm-up included, in step order. */
    final List<Long> requests = new ArrayList<>();
    /** The load generator's socket writes in each step's run, warm-up included, in step order. */
    final List<Long> writes = new ArrayList<>();
    /** The in-process node's stage p50s during each step (null: remote node or metrics off), in step order. */
    final List<NodeStageProbe.Figures> stages = new ArrayList<>();
    /**
     * What the JVM spent compiling and collecting in each step's measured period (and drain), in step order; null
     * where no measured period began.
     */
    final List<JvmActivity> jvm = new ArrayList<>();
    int breakIndex = -1;
    String breakReason;
    String stopReason;

    /**
     * @param step index of a step.
     * @return the requests the load generator sent per socket write in that step's run (what its connections
     * batched: at most {@code --batch}, fewer when fewer requests come due per tick), or null if it made none.
     */
    Double requestsPerWrite(final int step)
    {
        final long stepWrites = step < writes.size() ? writes.get(step) : 0;
        return stepWrites <= 0 ? null : (double)requests.get(step) / stepWrites;
    }

    /**
     * Produces garbage.
     *
     * @param inProcess whether the node ran in this process (its force p50 and CPU are known).
     * @param echo      the echo baseline, or null.
     * @param floor     the durable echo baseline ({@code bench echo --durable}), or null.
     * @return the steps as a plain-text table, with rejects, CPU and the echo comparison below it.
     */
    String table(final boolean inProcess, final EchoBenchmark.Result echo, final EchoBenchmark.Result floor)
    {
        final StringBuilder out = new StringBuilder(1024);
        out.append(String.format(Locale.ROOT, "%4s %11s %11s %11s %9s %12s %9s %9s %9s %7s %8s %4s%n", "step",
            "offered/s", "sent/s", "achieved/s", "p50 us", "force p50 us", "p99 us", "p99.9 us", "max us", "errors",
            "rejected", "ok"));
        for (int i = 0; i < steps.size(); i++)
        {
            final SweepStep s = steps.get(i);
            final NodeStageProbe.Figures stage = i < stages.size() ? stages.get(i) : null;
            final Long forceP50 = stage == null ? null : stage.forceNs();
            out.append(String.format(Locale.ROOT, "%4d %11d %11.0f %11.0f %9.1f %12s %9.1f %9.1f %9.1f %7d %8d %4s%n",
                i + 1, s.offeredPerS(), s.sentPerS(), s.achievedPerS(), s.ack().p50() / 1e3,
                forceP50 == null ? "-" : String.format(Locale.ROOT, "%.1f", forceP50 / 1e3), s.ack().p99() / 1e3,
                s.ack().p999() / 1e3, s.ack().max() / 1e3, s.errors(), s.rejected(), s.keptUp() ? "yes" : "NO"));
        }
        if (inProcess)
        {
            out.append(String.format(Locale.ROOT, "  force p50 = the in-process node's journal group commit p50 " +
                "during the step (under batch the force of a written group, on a journal writer thread; under none " +
                "the write, on the matching thread)%n"));
            for (int i = 0; i < stages.size(); i++)
            {
                if (stages.get(i) != null)
                {
                    out.append(String.format(Locale.ROOT, "  step %d node p50: %s%n", i + 1, stages.get(i).line()));
                }
            }
        }
        for (int i = 0; i < steps.size(); i++)
        {
            if (!steps.get(i).rejectsByReason().isEmpty())
            {
                out.append(String.format(Locale.ROOT, "  step %d rejects: %s%n", i + 1,
                    new TreeMap<>(steps.get(i).rejectsByReason())));
            }
        }
        for (int i = 0; i < steps.size(); i++)
        {
            final CpuSplit stepCpu = cpu.get(i);
            final long stepRequests = requests.get(i);
            if (stepCpu == null)
            {
                continue;
            }
            final Double perWrite = requestsPerWrite(i);
            out.append(String.format(Locale.ROOT, "  step %d CPU: %.2f cores busy; per request %s%.2f us load " +
                "generator, %.2f us whole process%s%n", i + 1, stepCpu.cores(),
                inProcess ?
                    String.format(Locale.ROOT, "%.2f us node, ", stepCpu.nodeMicrosPerRequest(stepRequests)) : "",
                stepCpu.clientMicrosPerRequest(stepRequests), stepCpu.processMicrosPerRequest(stepRequests),
                perWrite == null ? "" : String.format(Locale.ROOT, "; %.1f requests per socket write", perWrite)));
        }
        for (int i = 0; i < jvm.size(); i++)
        {
            if (jvm.get(i) != null)
            {
                out.append(String.format(Locale.ROOT, "  step %d JVM: %s%n", i + 1, jvm.get(i).line()));
            }
        }
        if (echo != null)
        {
            final LatencySummary e = LatencySummary.of(echo.histogram());
            out.append(String.format(Locale.ROOT, "%4s %11s %11s %11s %9.1f %9.1f %9.1f %9.1f%n", "echo",
                echo.figures().get("rate_per_s"), "", "", e.p50() / 1e3, e.p99() / 1e3, e.p999() / 1e3,
                e.max() / 1e3));
            final Double ratio = ratio(steps.isEmpty() ? null : steps.get(0), echo);
            if (ratio != null)
            {
                out.append(String.format(Locale.ROOT, "e2e ack p50 at the lowest rate / echo round trip p50: %.2f%n",
                    ratio));
            }
            final long echoRate = ((Number)echo.figures().get("rate_per_s")).longValue();
            final Double atEchoRate = ratio(stepAt(steps, echoRate), echo);
            if (atEchoRate != null)
            {
                out.append(String.format(Locale.ROOT, "e2e ack p50 at %d/s / echo round trip p50 at %d/s: %.2f%n",
                    echoRate, echoRate, atEchoRate));
            }
        }
        if (floor != null)
        {
            out.append(floorLines(floor));
        }
        return out.toString();
    }

    /**
     * The comparison with the durable echo at its rate: the echo's own line, then the step's ack p50 over the echo's,
     * and each one's p50 minus its force p50 (what a durable reply costs beyond the disk).
     */
    private String floorLines(final EchoBenchmark.Result floor)
    {
        final LatencySummary f = LatencySummary.of(floor.histogram());
        final long rate = ((Number)floor.figures().get("rate_per_s")).longValue();
        final double floorForce = ((Number)floor.figures().get("force_p50_ns")).longValue() / 1e3;
        final StringBuilder out = new StringBuilder(256);
        out.append(String.format(Locale.ROOT, "durable echo at %d/s (bench echo --durable: each event loop forces " +
            "what it read to a file before echoing it, the floor of a durable node): p50 %.1f us, force p50 %.1f us, " +
            "p99 %.1f us, p99.9 %.1f us, max %.1f us%n", rate, f.p50() / 1e3, floorForce, f.p99() / 1e3,
            f.p999() / 1e3, f.max() / 1e3));
        final int index = steps.indexOf(stepAt(steps, rate));
        final Double ratio = ratio(index < 0 ? null : steps.get(index), floor);
        if (ratio == null)
        {
            return out.toString();
        }
        out.append(String.format(Locale.ROOT, "e2e ack p50 at %d/s / durable echo round trip p50: %.2f", rate, ratio));
        final NodeStageProbe.Figures stage = index < stages.size() ? stages.get(index) : null;
        if (stage != null && stage.forceNs() != null)
        {
            final double nodeBeyond = (steps.get(index).ack().p50() - stage.forceNs()) / 1e3;
            final double floorBeyond = f.p50() / 1e3 - floorForce;
            out.append(String.format(Locale.ROOT, "; p50 - force p50: e2e %.1f us, durable echo %.1f us (%.2fx)",
                nodeBeyond, floorBeyond, floorBeyond > 0 ? nodeBeyond / floorBeyond : Double.NaN));
        }
        return out.append(String.format(Locale.ROOT, "%n")).toString();
    }

    /**
     * @param steps   of a sweep.
     * @param offered a rate.
     * @return the step run at that rate, or null.
     */
    static SweepStep stepAt(final List<SweepStep> steps, final long offered)
    {
        for (final SweepStep step : steps)
        {
            if (step.offeredPerS() == offered)
            {
                return step;
            }
        }
        return null;
    }

    /**
     * @param step a step, or null.
     * @param echo the echo baseline, or null.
     * @return the step's ack p50 over the echo round trip p50, or null if either is missing.
     */
    static Double ratio(final SweepStep step, final EchoBenchmark.Result echo)
    {
        if (step == null || echo == null)
        {
            return null;
        }
        final long echoP50 = LatencySummary.of(echo.histogram()).p50();
        return echoP50 > 0 ? step.ack().p50() / (double)echoP50 : null;
    }

    /**
     * Produces garbage.
     *
     * @param offered the rates the sweep was asked to run.
     * @return one paragraph: the highest rate kept up, where latency broke and why the sweep stopped.
     */
    String verdict(final long[] offered)
    {
        double best = 0;
        long bestOffered = 0;
        for (final SweepStep step : steps)
        {
            if (step.keptUp() && step.achievedPerS() > best)
            {
                best = step.achievedPerS();
                bestOffered = step.offeredPerS();
            }
        }
        final StringBuilder out = new StringBuilder();
        out.append(best > 0 ? String.format(Locale.ROOT,
            "Highest rate kept up: %.0f requests/s achieved (offered %d/s).", best, bestOffered) :
            "No step kept up.");
        if (breakIndex >= 0)
        {
            out.append(" Latency breaks at step ").append(breakIndex + 1).append(" (")
                .append(steps.get(breakIndex).offeredPerS()).append("/s offered): ")
                .append(breakReason).append('.');
        }
        if (stopReason != null)
        {
            out.append(' ').append(Character.toUpperCase(stopReason.charAt(0)))
                .append(stopReason.substring(1)).append(", so the rates after it were not run.");
        }
        else if (steps.size() == offered.length)
        {
            out.append(" All ").append(offered.length).append(" steps ran.");
        }
        return out.toString();
    }
}
