package io.arbiter.loadgen;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link LoadResult} (or a rate sweep of {@link SweepStep}s) as one self-contained HTML page: tables of the
 * configuration, machine, server and counts, and inline SVG charts (latency percentile distribution, rate and latency
 * over time, per-connection spread; latency versus throughput for a sweep). No scripts and no external resources.
 * Stateless; produces garbage (reporting only).
 */
public final class HtmlReport
{
    private static final double[] PERCENTILE_TICKS = {0, 1, 2, 3, 4, 5, 6};

    private HtmlReport()
    {
    }

    /**
     * Renders the report.
     *
     * @param result the run's figures.
     * @param title  the page title.
     * @return the HTML text.
     */
    public static String render(final LoadResult result, final String title)
    {
        final StringBuilder out = new StringBuilder(64 * 1024);
        head(out, title);
        out.append("<p>Started ").append(SvgChart.escape(String.valueOf(result.startedAt)))
            .append(". Latency is measured from each order's <em>intended</em> send time (open loop, coordinated ")
            .append("omission corrected); warm-up excluded.</p>\n");

        out.append("<h2>Summary</h2>\n<pre>").append(SvgChart.escape(result.summaryTable())).append("</pre>\n");
        out.append("<h2>Latency distribution</h2>\n").append(percentileChart(result));
        out.append("<h2>Over time</h2>\n").append(rateChart(result)).append(latencyOverTimeChart(result));
        out.append("<h2>Per-connection spread</h2>\n").append(spreadChart(result));
        if (result.finalBook != null)
        {
            out.append("<h2>Final book</h2>\n").append(depthChart(result.finalBook));
        }

        table(out, "Configuration", result.config);
        table(out, "Machine (load generator)", result.machine);
        table(out, "Server", result.server);
        table(out, "Counts", result.counts);
        if (!result.rejectsByReason.isEmpty())
        {
            table(out, "Rejects by reason", result.rejectsByReason);
        }
        if (!result.cancelsByReason.isEmpty())
        {
            table(out, "Cancels by reason", result.cancelsByReason);
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    /**
     * Renders the report of a rate sweep: ack latency percentiles (log scale) versus achieved throughput with the
     * point where latency breaks marked, the step table, and any number of name/value tables (configuration,
     * machine, baseline).
     *
     * @param title      the page title.
     * @param intro      a paragraph of plain text under the title.
     * @param steps      the steps in the order they ran.
     * @param breakIndex index of the step where latency breaks, or -1 if none did.
     * @param breakNote  why that step counts as the break (plain text), or null.
     * @param baselineUs a reference latency drawn as a dashed line (e.g. the echo round trip p50), us; 0 for none.
     * @param textTable  the step table as printed on stdout.
     * @param tables     titled name/value tables, in order.
     * @return the HTML text.
     */
    public static String renderSweep(final String title, final String intro, final List<SweepStep> steps,
        final int breakIndex, final String breakNote, final double baselineUs, final String textTable,
        final Map<String, Map<String, ?>> tables)
    {
        final StringBuilder out = new StringBuilder(32 * 1024);
        head(out, title);
        out.append("<p>").append(SvgChart.escape(intro)).append("</p>\n");
        out.append("<h2>Latency versus throughput</h2>\n").append(sweepChart(steps, breakIndex, baselineUs));
        out.append("<p>").append(breakIndex < 0 ? "No step broke (every step kept up and stayed within 10x of the " +
            "first step's p99)." : SvgChart.escape("Latency breaks at step " + (breakIndex + 1) + ": " + breakNote))
            .append("</p>\n");
        out.append("<h2>Steps</h2>\n<pre>").append(SvgChart.escape(textTable)).append("</pre>\n");
        for (final Map.Entry<String, Map<String, ?>> entry : tables.entrySet())
        {
            table(out, entry.getKey(), entry.getValue());
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static String sweepChart(final List<SweepStep> steps, final int breakIndex, final double baselineUs)
    {
        final int n = steps.size();
        final double[] x = new double[n];
        final double[] p50 = new double[n];
        final double[] p99 = new double[n];
        final double[] p999 = new double[n];
        final double[] max = new double[n];
        for (int i = 0; i < n; i++)
        {
            final SweepStep step = steps.get(i);
            x[i] = step.achievedPerS() / 1e3;
            p50[i] = step.ack().p50() / 1e3;
            p99[i] = step.ack().p99() / 1e3;
            p999[i] = step.ack().p999() / 1e3;
            max[i] = step.ack().max() / 1e3;
        }
        final SvgChart chart = new SvgChart("Ack latency by achieved throughput (one point per step)",
            "achieved throughput (thousand requests per second)", "latency (us)").logY().dots().xFromZero()
            .line("p50", "#2ca02c", x, p50, false)
            .line("p99", "#d62728", x, p99, false)
            .line("p99.9", "#ff7f0e", x, p999, false)
            .line("max", "#9467bd", x, max, true);
        if (baselineUs > 0 && n > 0)
        {
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (final double v : x)
            {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            chart.line("echo p50", "#888888", new double[]{lo, hi}, new double[]{baselineUs, baselineUs}, true);
        }
        if (breakIndex >= 0 && breakIndex < n)
        {
            chart.markX(x[breakIndex], "breaks: step " + (breakIndex + 1) + ", " + steps.get(breakIndex).offeredPerS() +
                "/s offered", "#d62728");
        }
        return chart.render();
    }

    private static void head(final StringBuilder out, final String title)
    {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .append(SvgChart.escape(title)).append("</title>\n<style>\n")
            .append("body{font-family:sans-serif;margin:24px;color:#222}")
            .append("table{border-collapse:collapse;margin:8px 0 20px}")
            .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#f0f0f0}")
            .append("td.n{text-align:right;font-variant-numeric:tabular-nums}h2{margin-top:28px}\n")
            .append("</style>\n</head>\n<body>\n<h1>").append(SvgChart.escape(title)).append("</h1>\n");
    }

    private static String percentileChart(final LoadResult result)
    {
        final SvgChart chart = new SvgChart("Latency by percentile", "percentile", "latency (us)").logY()
            .xTicks(PERCENTILE_TICKS, HtmlReport::percentileLabel);
        addCurve(chart, "ack", "#1f77b4", LoadResult.percentileCurve(result.ackLatency));
        addCurve(chart, "first taker fill", "#d62728", LoadResult.percentileCurve(result.firstFillLatency));
        if (result.marketDataLatency.getTotalCount() > 0)
        {
            addCurve(chart, "trade to subscriber", "#9467bd",
                LoadResult.percentileCurve(result.marketDataLatency));
        }
        return chart.render();
    }

    /**
     * Cumulative quantity by price on each side of the book (a step per level), best prices in the middle.
     */
    private static String depthChart(final BookDepth book)
    {
        return new SvgChart("Depth of " + book.symbol + " at the end of the run, as a subscriber saw it (best " +
            BookDepth.LEVELS + " levels a side)", "price", "cumulative quantity")
            .line("bids", "#2ca02c", steps(book.bidPrices),
                stepQuantities(book.bidQuantities), false)
            .line("asks", "#d62728", steps(book.askPrices),
                stepQuantities(book.askQuantities), false)
            .render();
    }

    private static double[] steps(final long[] prices)
    {
        final double[] xs = new double[prices.length * 2];
        for (int i = 0; i < prices.length; i++)
        {
            xs[2 * i] = prices[i] / 1e8;
            xs[2 * i + 1] = prices[i] / 1e8;
        }
        return xs;
    }

    private static double[] stepQuantities(final long[] quantities)
    {
        final double[] ys = new double[quantities.length * 2];
        long cumulative = 0;
        for (int i = 0; i < quantities.length; i++)
        {
            ys[2 * i] = cumulative;
            cumulative += quantities[i];
            ys[2 * i + 1] = cumulative;
        }
        return ys;
    }

    private static void addCurve(final SvgChart chart, final String name, final String color,
        final List<double[]> curve)
    {
        final int n = curve.size();
        final double[] xs = new double[n];
        final double[] ys = new double[n];
        for (int i = 0; i < n; i++)
        {
            final double percentile = Math.min(curve.get(i)[0], 99.9999);
            xs[i] = Math.log10(100.0 / (100.0 - percentile));
            ys[i] = Math.max(curve.get(i)[1] / 1e3, 0.001);
        }
        chart.line(name, color, xs, ys, false);
    }

    private static String percentileLabel(final double x)
    {
        if (x == 0)
        {
            return "0%";
        }
        final double percentile = 100 - 100 / Math.pow(10, x);
        return String.format(Locale.ROOT, percentile >= 99.99 ? "%.4f%%" : "%.4g%%", percentile)
            .replaceAll("0+%$", "%").replaceAll("\\.%$", "%");
    }

    private static String rateChart(final LoadResult result)
    {
        final int n = result.timeSeries.size();
        final double[] t = new double[n];
        final double[] sent = new double[n];
        final double[] acked = new double[n];
        final double[] offered = new double[n];
        for (int i = 0; i < n; i++)
        {
            final TimePoint p = result.timeSeries.get(i);
            t[i] = p.elapsedS();
            sent[i] = p.sentPerS();
            acked[i] = p.ackedPerS();
            offered[i] = result.offeredRatePerS;
        }
        return new SvgChart("Rate over time", "seconds since start", "per second")
            .line("offered", "#888888", t, offered, true)
            .line("sent", "#2ca02c", t, sent, false)
            .line("acked", "#1f77b4", t, acked, false)
            .render();
    }

    private static String latencyOverTimeChart(final LoadResult result)
    {
        final int n = result.timeSeries.size();
        final double[] t = new double[n];
        final double[] p50 = new double[n];
        final double[] p99 = new double[n];
        final double[] max = new double[n];
        for (int i = 0; i < n; i++)
        {
            final TimePoint p = result.timeSeries.get(i);
            t[i] = p.elapsedS();
            p50[i] = p.p50Ns() / 1e3;
            p99[i] = p.p99Ns() / 1e3;
            max[i] = p.maxNs() / 1e3;
        }
        return new SvgChart("Ack latency per interval", "seconds since start", "latency (us)").logY()
            .line("p50", "#2ca02c", t, p50, false)
            .line("p99", "#d62728", t, p99, false)
            .line("max", "#9467bd", t, max, true)
            .render();
    }

    private static String spreadChart(final LoadResult result)
    {
        final int n = result.perConnectionP99.length;
        final double[] rank = new double[n];
        final double[] p50 = sortedMicros(result.perConnectionP50);
        final double[] p99 = sortedMicros(result.perConnectionP99);
        final double[] max = sortedMicros(result.perConnectionMax);
        for (int i = 0; i < n; i++)
        {
            rank[i] = i + 1;
        }
        final long minAcks = n == 0 ? 0 : java.util.Arrays.stream(result.perConnectionAcks).min().orElse(0);
        final long maxAcks = n == 0 ? 0 : java.util.Arrays.stream(result.perConnectionAcks).max().orElse(0);
        return new SvgChart("Per-connection ack latency, connections sorted by each figure (acks per connection " +
            minAcks + ".." + maxAcks + ")", "connection rank", "latency (us)").logY()
            .line("p50", "#2ca02c", rank, p50, false)
            .line("p99", "#d62728", rank, p99, false)
            .line("max", "#9467bd", rank, max, true)
            .render();
    }

    private static double[] sortedMicros(final long[] values)
    {
        final long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        final double[] micros = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++)
        {
            micros[i] = sorted[i] / 1e3;
        }
        return micros;
    }

    private static void table(final StringBuilder out, final String title, final Map<String, ?> values)
    {
        out.append("<h2>").append(SvgChart.escape(title)).append("</h2>\n<table>\n");
        for (final Map.Entry<String, ?> entry : values.entrySet())
        {
            final Object value = entry.getValue();
            out.append("<tr><th>").append(SvgChart.escape(entry.getKey())).append("</th><td")
                .append(value instanceof Number ? " class=\"n\"" : "").append('>')
                .append(SvgChart.escape(String.valueOf(value))).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }
}
