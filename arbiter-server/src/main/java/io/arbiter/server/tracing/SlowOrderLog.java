package io.arbiter.server.tracing;

import io.arbiter.server.metrics.OverloadMetricsSource;
import io.arbiter.server.metrics.Stage;
import io.arbiter.server.metrics.StageTimestamps;
import io.opentelemetry.api.trace.TraceId;

import java.time.Instant;
import java.util.List;

/**
 * The most recent slow orders with their stage breakdown and context (ring depth, batch size, breaker state), rendered
 * as JSON for {@code /debug/slow-orders} together with the GC pauses that overlapped each one. Written by the tracing
 * thread, read by the admin HTTP thread; synchronized and allocating (off the hot path).
 */
public final class SlowOrderLog
{
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
        final StringBuilder out = new StringBuilder(1024);
        out.append("{\"slowOrdersSeen\":").append(count).append(",\"slowOrders\":[");
        final long first = Math.max(0, count - orders.length);
        for (long n = count - 1; n >= first; n--)
        {
            final int i = (int)(n % orders.length);
            if (n != count - 1)
            {
                out.append(',');
            }
            appendOrder(out, i);
        }
        return out.append("]}").toString();
    }

    private void appendOrder(final StringBuilder out, final int i)
    {
        final StageTimestamps ts = orders[i];
        out.append("{\"sequence\":").append(ts.sequence())
            .append(",\"sessionId\":").append(ts.sessionId())
            .append(",\"clientOrderId\":").append(ts.clientOrderId())
            .append(",\"traceId\":");
        if (ts.traceIdHigh() == 0 && ts.traceIdLow() == 0)
        {
            out.append("null");
        }
        else
        {
            out.append('"').append(TraceId.fromLongs(ts.traceIdHigh(), ts.traceIdLow())).append('"');
        }
        final long epochNs = clock.toEpochNs(ts.receivedNs());
        out.append(",\"receivedAt\":\"")
            .append(Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L)))
            .append("\",\"totalNs\":").append(totalNs[i])
            .append(",\"thresholdNs\":").append(thresholdNs[i])
            .append(",\"stagesNs\":{");
        boolean firstStage = true;
        for (int s = 0; s < Stage.COUNT; s++)
        {
            final Stage stage = Stage.get(s);
            final long durationNs = ts.durationNs(stage);
            if (stage != Stage.TOTAL && durationNs >= 0)
            {
                out.append(firstStage ? "" : ",").append('"').append(stage.label()).append("\":").append(durationNs);
                firstStage = false;
            }
        }
        out.append("},\"ringDepth\":").append(ts.ringDepth())
            .append(",\"ringOccupancyAtCapture\":").append(ringOccupancy[i])
            .append(",\"batchSize\":").append(ts.batchSize())
            .append(",\"breakerState\":\"").append(OverloadMetricsSource.breakerStateName(breakerState[i]))
            .append("\",\"gcPauses\":[");
        if (gcPauses != null)
        {
            final long endNs = ts.egressEndNs() != StageTimestamps.UNSET ? ts.egressEndNs() : ts.receivedNs() + totalNs[i];
            final List<GcPauseMonitor.GcPause> pauses = gcPauses.pausesBetween(ts.receivedNs(), endNs);
            for (int p = 0; p < pauses.size(); p++)
            {
                final GcPauseMonitor.GcPause pause = pauses.get(p);
                out.append(p == 0 ? "" : ",")
                    .append("{\"collector\":\"").append(escape(pause.collector()))
                    .append("\",\"action\":\"").append(escape(pause.action()))
                    .append("\",\"cause\":\"").append(escape(pause.cause()))
                    .append("\",\"durationMs\":").append(pause.durationMs())
                    .append('}');
            }
        }
        out.append("]}");
    }

    private static String escape(final String text)
    {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
