/**
 * Open-loop load generator for an Arbiter server, its latency recording and reports, and the TCP echo baseline.
 *
 * <pre>
 *   main thread                        Netty event loop k (owns connections c with c.loop == k)
 *   -----------                        --------------------------------------------------------
 *   connect + logon all                 tick every ~100 us: for each connection, send every order whose
 *   every second: Recorder interval       INTENDED time (start + g / rate) has passed, stamp it in the
 *     -> time series, HdrHistogram log     NewOrder's client timestamp, flush the batch
 *     -> progress line on stderr         on Accepted: latency = now - echoed intended time -> Recorder
 *   stop, drain, snapshot on each loop   on first taker Fill: latency to first fill -> Recorder
 *   summary, JSON, HTML report
 * </pre>
 *
 * Because latency is measured from the intended send time, any stall (server, network or this generator) shows up in
 * the recorded latency instead of silently lowering the offered rate (no coordinated omission).
 * <p>
 * With {@code --protocol fix} ({@link io.arbiter.loadgen.FixLoadGenerator}) the connections are QuickFIX/J initiator
 * sessions, one per account: one scheduler thread sends every session's due requests each tick, and QuickFIX/J's
 * message-processing thread hands the ExecutionReports to each session's {@code FixSessionDriver}, which finds the
 * intended time by the ClOrdID; the main thread's part is the same.
 */
package io.arbiter.loadgen;
