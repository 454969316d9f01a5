/**
 * FIX 4.4 acceptor on QuickFIX/J beside the binary gateway: logon against the node's accounts, order entry through
 * the node's admission and command ring, execution reports from the matching thread's egress, and FIX market data.
 * <pre>
 *  FIX client ──TCP──> QuickFIX/J (session layer, store in data.dir/fix) ──> FixApplication ──> FixOrderEntry
 *                                                                          (admission) ──> command ring
 *  matching thread ──> FixSessionEgress (per session ring, held by the ReplyGate) ──> FixReportPublisher thread
 *                                                      ──> ExecutionReport / OrderCancelReject ──> QuickFIX/J
 * </pre>
 * See docs/fix.md for the rules of engagement.
 */
package io.arbiter.fix;
