package io.arbiter.loadgen;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * All figures of one load generator run: counts, latency histograms and summaries, the time series, the
 * per-connection spread, the configuration, the machine and the server-side figures. Built once at the end of a run,
 * then read-only; produces garbage (reporting only).
 */
public final class LoadResult
{
    /** Configuration as name/value pairs. */
    public final Map<String, Object> config;
    /** Machine (cores, JDK, GC) as name/value pairs. */
    public final Map<String, Object> machine;
    /** Server-side figures or "n/a" values. */
    public final Map<String, Object> server = new LinkedHashMap<>();
    /** Counts by name (connections, requests, reports, errors). */
    public final Map<String, Long> counts = new LinkedHashMap<>();
    /** Rejected requests by reason name. */
    public final Map<String, Long> rejectsByReason = new LinkedHashMap<>();
    /** Canceled reports by reason name. */
    public final Map<String, Long> cancelsByReason = new LinkedHashMap<>();
    /** Logon rejects by reason name. */
    public final Map<String, Long> logonRejectsByReason = new LinkedHashMap<>();
    /** Time series, one point per interval. */
    public final List<TimePoint> timeSeries = new ArrayList<>();
    /** Acknowledgement latency of the measured period (Accepted received minus intended send time), ns. */
    public final Histogram ackLatency;
    /** Latency to the first (taker) fill of crossing orders in the measured period, ns. */
    public final Histogram firstFillLatency;
    /**
     * Market data: for every trade of a load generator taker order in the measured period and every subscriber, the
     * public trade's arrival at the subscriber minus the taker order's intended send time, ns (empty without
     * subscribers).
     */
    public final Histogram marketDataLatency = new Histogram(LoadRun.HIGHEST_TRACKABLE_NS, 3);
    /** The public book at the end of the run as the first subscriber saw it, or null without subscribers. */
    public BookDepth finalBook;
    /** Per connection: Accepted reports in the measured period. */
    public long[] perConnectionAcks = new long[0];
    /** Per connection: median acknowledgement latency, ns. */
    public long[] perConnectionP50 = new long[0];
    /** Per connection: 99th percentile acknowledgement latency, ns. */
    public long[] perConnectionP99 = new long[0];
    /** Per connection: maximum acknowledgement latency, ns. */
    public long[] perConnectionMax = new long[0];
    /** The target rate, requests per second. */
    public double offeredRatePerS;
    /**
     * The rate the generator kept: the offered rate times the share of the scheduled requests it sent (equal to the
     * offered rate when every request went out, also with a ramp, whose slow start would otherwise read as falling
     * behind); for an open-ended schedule, requests sent per second of it.
     */
    public double sentRatePerS;
    /** Accepted reports per second in the measured period. */
    public double ackedRatePerS;
    /** Length of the measured period, seconds. */
    public double measuredSeconds;
    /** Last error seen (disconnect or protocol error), or null. */
    public String lastError;
    /** Wall-clock start of the run (ISO-8601). */
    public String startedAt;
    /** CPU used from the start of the schedule to the end of the drain (warm-up included), or null. */
    public CpuSplit cpu;
    /** What the JVM spent compiling and collecting from the start of the measured period to the end of the drain. */
    public JvmActivity jvm;

    LoadResult(final Map<String, Object> config, final Map<String, Object> machine, final Histogram ackLatency,
        final Histogram firstFillLatency)
    {
        this.config = config;
        this.machine = machine;
        this.ackLatency = ackLatency;
        this.firstFillLatency = firstFillLatency;
    }

    /**
     * A count by name, 0 if absent.
     *
     * @param name the count's name.
     * @return the count.
     */
    public long count(final String name)
    {
        return counts.getOrDefault(name, 0L);
    }

    /**
     * @return requests sent over the whole schedule (new orders, cancels and replaces, warm-up included).
     */
    public long sentRequests()
    {
        return count("sent_new_orders") + count("sent_cancels") + count("sent_replaces");
    }

    /**
     * Errors of any kind: send failures, protocol errors, unexpected disconnects, failed connections or logons,
     * unanswered new orders, scheduled requests never sent, a funding that failed.
     *
     * @return the total.
     */
    public long errors()
    {
        return count("send_failures") + count("scheduler_failures") + count("protocol_errors") + count("disconnects") +
            count("connect_failures") + count("logon_rejects") + count("unanswered_new_orders") +
            count("unsent_requests") + count("funding_failures");
    }

    /**
     * The kinds of {@link #errors()} that occurred, each with its count, in the order of {@link #errors()}: which of
     * them made a run fail (unanswered new orders: sent and never acknowledged or rejected; unsent requests: due but
     * never sent, because their connection had logged out or failed).
     *
     * @return kind to count, only the kinds with a non-zero count.
     */
    public Map<String, Long> errorsByKind()
    {
        final Map<String, Long> kinds = new LinkedHashMap<>();
        for (final String kind : new String[]{"send_failures", "scheduler_failures", "protocol_errors", "disconnects",
            "connect_failures", "logon_rejects", "unanswered_new_orders", "unsent_requests", "funding_failures"})
        {
            if (count(kind) != 0)
            {
                kinds.put(kind, count(kind));
            }
        }
        return kinds;
    }

    /**
     * The acknowledgement latency distribution as (percentile, value ns) pairs for plots.
     *
     * @param histogram the histogram.
     * @return pairs, percentiles ascending.
     */
    public static List<double[]> percentileCurve(final Histogram histogram)
    {
        final List<double[]> points = new ArrayList<>();
        if (histogram.getTotalCount() == 0)
        {
            return points;
        }
        for (final HistogramIterationValue value : histogram.percentiles(5))
        {
            points.add(new double[]{value.getPercentileLevelIteratedTo(), value.getValueIteratedTo()});
        }
        return points;
    }

    /**
     * Everything as nested maps and lists, ready for {@link Json#write(Object)}.
     *
     * @return the map.
     */
    public Map<String, Object> describe()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("started_at", startedAt);
        map.put("config", config);
        map.put("machine", machine);
        map.put("server", server);
        map.put("cpu", cpu == null ? null : cpu.describe(sentRequests()));
        map.put("counts", counts);
        map.put("errors", errors());
        map.put("rejects_by_reason", rejectsByReason);
        map.put("cancels_by_reason", cancelsByReason);
        map.put("logon_rejects_by_reason", logonRejectsByReason);
        final Map<String, Object> rates = new LinkedHashMap<>();
        rates.put("offered_per_s", offeredRatePerS);
        rates.put("sent_per_s", sentRatePerS);
        rates.put("acked_per_s", ackedRatePerS);
        rates.put("measured_s", measuredSeconds);
        map.put("rates", rates);
        map.put("ack_latency", LatencySummary.of(ackLatency).describe());
        map.put("first_fill_latency", LatencySummary.of(firstFillLatency).describe());
        if (count("md_subscribers") > 0)
        {
            map.put("md_latency", LatencySummary.of(marketDataLatency).describe());
            map.put("final_book", finalBook == null ? null : finalBook.describe());
        }
        final List<Object> series = new ArrayList<>();
        for (final TimePoint point : timeSeries)
        {
            final Map<String, Object> p = new LinkedHashMap<>();
            p.put("t_s", point.elapsedS());
            p.put("measured", point.measured());
            p.put("sent_per_s", point.sentPerS());
            p.put("acked_per_s", point.ackedPerS());
            p.put("p50_ns", point.p50Ns());
            p.put("p99_ns", point.p99Ns());
            p.put("max_ns", point.maxNs());
            series.add(p);
        }
        map.put("time_series", series);
        final Map<String, Object> perConnection = new LinkedHashMap<>();
        perConnection.put("acks", perConnectionAcks);
        perConnection.put("p50_ns", perConnectionP50);
        perConnection.put("p99_ns", perConnectionP99);
        perConnection.put("max_ns", perConnectionMax);
        map.put("per_connection", perConnection);
        map.put("last_error", lastError);
        return map;
    }

    /**
     * The summary table printed on stdout.
     *
     * @return the text.
     */
    public String summaryTable()
    {
        final StringBuilder out = new StringBuilder(2048);
        out.append(String.format(Locale.ROOT, "%-34s %s%n", "connections (logged on / asked)",
            count("connections_logged_on") + " / " + count("connections_requested")));
        out.append(String.format(Locale.ROOT, "%-34s %.0f / %.0f requests per s, %.0f accepted per s%n",
            "offered / sent / accepted", offeredRatePerS, sentRatePerS, ackedRatePerS));
        out.append(String.format(Locale.ROOT, "%-34s %.1f s%n", "measured period", measuredSeconds));
        out.append(String.format(Locale.ROOT, "%-34s %d new, %d cancel, %d replace%n", "requests sent",
            count("sent_new_orders"), count("sent_cancels"), count("sent_replaces")));
        out.append(String.format(Locale.ROOT, "%-34s %d accepted, %d fills, %d canceled, %d replaced%n",
            "reports received", count("accepted"), count("fills"), count("canceled"), count("replaced")));
        out.append(String.format(Locale.ROOT, "%-34s %d (%d of new orders)%n", "rejected", count("rejected"),
            count("rejected_new_orders")));
        for (final Map.Entry<String, Long> entry : rejectsByReason.entrySet())
        {
            out.append(String.format(Locale.ROOT, "  %-32s %d%n", entry.getKey(), entry.getValue()));
        }
        out.append(String.format(Locale.ROOT, "%-34s %d%n", "rejected for insufficient funds",
            count("rejected_insufficient_funds")));
        if (count("funded_accounts") > 0)
        {
            out.append(String.format(Locale.ROOT, "%-34s %d%n", "accounts funded before the run",
                count("funded_accounts")));
        }
        out.append(String.format(Locale.ROOT,
            "%-34s %d (send failures %d, protocol errors %d, disconnects %d, connect failures %d, " +
                "logon rejects %d, unanswered new orders %d, unsent requests %d)%n", "errors", errors(),
            count("send_failures"), count("protocol_errors"), count("disconnects"), count("connect_failures"),
            count("logon_rejects"), count("unanswered_new_orders"), count("unsent_requests")));
        out.append(String.format(Locale.ROOT, "%n%-22s %10s %10s %10s %10s %10s %10s %10s%n", "latency (us)", "count",
            "p50", "p90", "p99", "p99.9", "p99.99", "max"));
        row(out, "ack (from intended)", LatencySummary.of(ackLatency));
        row(out, "first taker fill", LatencySummary.of(firstFillLatency));
        if (count("md_subscribers") > 0)
        {
            row(out, "trade to subscriber", LatencySummary.of(marketDataLatency));
            out.append(String.format(Locale.ROOT, "%nmarket data: %d subscribers (%d subscribed in time, %d could " +
                "not connect), %d public trades received, %d unmatched (no taker Fill of ours known), %d taker fills " +
                "not tied to a request, %d snapshots (first and conflated), %d gaps, %d errors, %d disconnects%n",
                count("md_subscribers"), count("md_subscribed"), count("md_connect_failures"),
                count("md_trades_received"), count("md_trades_unmatched"), count("md_taker_fills_unmapped"),
                count("md_snapshots"), count("md_gaps"), count("md_errors"), count("md_disconnects")));
        }
        if (lastError != null)
        {
            out.append(String.format(Locale.ROOT, "%nlast error: %s%n", lastError));
        }
        return out.toString();
    }

    private static void row(final StringBuilder out, final String name, final LatencySummary s)
    {
        out.append(String.format(Locale.ROOT, "%-22s %10d %10.1f %10.1f %10.1f %10.1f %10.1f %10.1f%n", name,
            s.count(), s.p50() / 1e3, s.p90() / 1e3, s.p99() / 1e3, s.p999() / 1e3, s.p9999() / 1e3, s.max() / 1e3));
    }
}
