package io.arbiter.loadgen;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one step of a rate sweep: offered, sent, acknowledged and achieved rates, errors and the ack latency
 * summary. Immutable; produced once per step for reports.
 *
 * @param offeredPerS  the offered rate, requests per second.
 * @param sentPerS     requests actually sent per second.
 * @param ackedPerS    Accepted reports (new orders acknowledged) per second in the measured period.
 * @param achievedPerS requests answered per second: {@code ackedPerS} scaled by sent requests over sent new orders
 *                     (cancels and replaces are answered by Canceled/Replaced, not Accepted).
 * @param errors       errors of the step ({@link LoadResult#errors()}).
 * @param rejected     rejected requests (not errors: for example a cancel racing the fill of its order).
 * @param ack          ack latency from the intended send time, ns.
 * @param keptUp       whether achieved reached the keep-up fraction of offered with no error.
 * @param rejectsByReason rejected requests by reason name.
 */
public record SweepStep(long offeredPerS, double sentPerS, double ackedPerS, double achievedPerS, long errors,
    long rejected, LatencySummary ack, boolean keptUp, Map<String, Long> rejectsByReason)
{
    /**
     * Summarises one run of a sweep.
     *
     * @param result          the run.
     * @param keepUpFraction  the least achieved / offered ratio that counts as keeping up, e.g. 0.9.
     * @return the step.
     */
    public static SweepStep of(final LoadResult result, final double keepUpFraction)
    {
        final long sentNew = result.count("sent_new_orders");
        final long sentAll = sentNew + result.count("sent_cancels") + result.count("sent_replaces");
        final double achieved = sentNew > 0 ? result.ackedRatePerS * sentAll / sentNew : 0;
        final long offered = Math.round(result.offeredRatePerS);
        final long errors = result.errors();
        return new SweepStep(offered, result.sentRatePerS, result.ackedRatePerS, achieved, errors,
            result.count("rejected"), LatencySummary.of(result.ackLatency),
            errors == 0 && achieved >= keepUpFraction * offered, Map.copyOf(result.rejectsByReason));
    }

    /**
     * The figures as ordered name/value pairs (latencies in ns).
     *
     * @return the map.
     */
    public Map<String, Object> describe()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("offered_per_s", offeredPerS);
        map.put("sent_per_s", sentPerS);
        map.put("acked_per_s", ackedPerS);
        map.put("achieved_per_s", achievedPerS);
        map.put("errors", errors);
        map.put("rejected", rejected);
        map.put("kept_up", keptUp);
        map.put("rejects_by_reason", new java.util.TreeMap<>(rejectsByReason));
        map.put("ack_latency", ack.describe());
        return map;
    }
}
