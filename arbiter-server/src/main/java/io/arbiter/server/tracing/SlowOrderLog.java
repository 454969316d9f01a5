package io.arbiter.server.tracing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.server.metrics.OverloadMetricsSource;
import io.arbiter.server.metrics.Stage;
import io.arbiter.server.metrics.StageTimestamps;
import io.opentelemetry.api.trace.TraceId;

import java.time.Instant;

/**
 * The most recent slow orders with their stage breakdown and context (ring depth, batch size, breaker state), rendered
 * as JSON for {@code /debug/slow-orders} together with the GC pauses that overlapped each one. Written by the tracing
 * thread, read by the admin HTTP thread; synchronized and allocating (off the hot path).
 */
public final class SlowOrderLog
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StageTimestamps[] orders;
    private final long[] totalNs;
    private final long[] thresholdNs;
    private final int[] breakerState;
    private final long[] ringOccupancy;
    private final EpochNanoClock clock;
    private final GcPauseMonitor gcPauses;
    private long count;

    /**
     * @param capacity how many recent slow orders to keep.
     * @param clock    to show epoch times.
     * @param gcPauses to join with each order's interval, or null.
     */
    public SlowOrderLog(final int capacity, final EpochNanoClock clock, final GcPauseMonitor gcPauses)
    {
        orders = new StageTimestamps[capacity];
        for (int i = 0; i < capacity; i++)
        {
            orders[i] = new StageTimestamps();
        }
        totalNs = new long[capacity];
        thresholdNs = new long[capacity];
        breakerState = new int[capacity];
        ringOccupancy = new long[capacity];
        this.clock = clock;
        this.gcPauses = gcPauses;
    }

    synchronized void add(final TraceRecord record)
    {
        final int i = (int)(count++ % orders.length);
        orders[i].copyFrom(record.timestamps);
        totalNs[i] = record.totalNs;
        thresholdNs[i] = record.thresholdNs;
        breakerState[i] = record.breakerState;
        ringOccupancy[i] = record.ringOccupancy;
    }

    /**
     * @return slow orders seen since start (more than are kept).
     */
    public synchronized long count()
    {
        return count;
    }

    /**
     * The kept slow orders, newest first, as a JSON document. Produces garbage.
     *
     * @return the JSON text.
     */
    public synchronized String toJson()
    {
        final ObjectNode document = JSON.createObjectNode();
        document.put("slowOrdersSeen", count);
        final ArrayNode list = document.putArray("slowOrders");
        final long first = Math.max(0, count - orders.length);
        for (long n = count - 1; n >= first; n--)
        {
            addOrder(list.addObject(), (int)(n % orders.length));
        }
        return document.toString();
    }

    private void addOrder(final ObjectNode out, final int i)
    {
        final StageTimestamps ts = orders[i];
        out.put("sequence", ts.sequence());
        out.put("sessionId", ts.sessionId());
        out.put("clientOrderId", ts.clientOrderId());
        if (ts.traceIdHigh() == 0 && ts.traceIdLow() == 0)
        {
            out.putNull("traceId");
        }
        else
        {
            out.put("traceId", TraceId.fromLongs(ts.traceIdHigh(), ts.traceIdLow()));
        }
        final long epochNs = clock.toEpochNs(ts.receivedNs());
        out.put("receivedAt",
            Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L))
                .toString());
        out.put("totalNs", totalNs[i]);
        out.put("thresholdNs", thresholdNs[i]);
        final ObjectNode stages = out.putObject("stagesNs");
        for (int s = 0; s < Stage.COUNT; s++)
        {
            final Stage stage = Stage.get(s);
            final long durationNs = ts.durationNs(stage);
            if (stage != Stage.TOTAL && durationNs >= 0)
            {
                stages.put(stage.label(), durationNs);
            }
        }
        out.put("ringDepth", ts.ringDepth());
        out.put("ringOccupancyAtCapture", ringOccupancy[i]);
        out.put("batchSize", ts.batchSize());
        out.put("breakerState", OverloadMetricsSource.breakerStateName(breakerState[i]));
        final ArrayNode pausesJson = out.putArray("gcPauses");
        if (gcPauses != null)
        {
            final long endNs = ts.egressEndNs() != StageTimestamps.UNSET ? ts.egressEndNs() : ts.receivedNs() +
                totalNs[i];
            for (final GcPauseMonitor.GcPause pause : gcPauses.pausesBetween(ts.receivedNs(), endNs))
            {
                final ObjectNode pauseJson = pausesJson.addObject();
                pauseJson.put("collector", pause.collector());
                pauseJson.put("action", pause.action());
                pauseJson.put("cause", pause.cause());
                pauseJson.put("durationMs", pause.durationMs());
            }
        }
    }
}
