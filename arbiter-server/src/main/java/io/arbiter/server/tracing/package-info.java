/**
 * Order tracing and slow-order attribution, kept off the matching thread.
 * <pre>
 *  matching thread: OrderTraceSampler.onOrderComplete(timestamps, totalNs)
 *      off ⇒ one boolean check; on ⇒ 1 in N by sequence, or total ≥ slow threshold
 *      │ copy into the next TraceRecord slot (ring full ⇒ drop and count)
 *      ▼ TraceRecordRing (bounded SPSC ring of pooled records)
 *  tracing thread: TracingAgent.doWork()
 *      ├─► OrderSpanPublisher: root "order" span + one child per stage, timestamps converted with EpochNanoClock,
 *      │   client trace id as remote parent ──► OpenTelemetry SDK ──► OTLP/HTTP or the log
 *      ├─► SlowOrderLog: recent N slow orders with stage breakdown, ring depth, batch size, breaker state
 *      └─► refreshes the dynamic slow threshold (p99.9 of total latency over the window)
 *  JMX notification thread: GcPauseMonitor keeps recent GC pauses; /debug/slow-orders joins them by time
 * </pre>
 */
package io.arbiter.server.tracing;
