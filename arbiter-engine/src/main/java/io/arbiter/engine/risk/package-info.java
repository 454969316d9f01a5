/**
 * Spot pre-trade risk for the engine: fixed-point asset amounts ({@link io.arbiter.engine.risk.Amounts}), the balance
 * ledger of every (account, asset) pair with its available and held parts
 * ({@link io.arbiter.engine.risk.BalanceLedger}), the hold each open order keeps
 * ({@link io.arbiter.engine.risk.OrderHolds}) and the per-instrument assets, fees and limits with the hold, settle
 * and release rules ({@link io.arbiter.engine.risk.SpotRisk}).
 * <pre>
 *   NEW ──&gt; SpotRisk.checkNew (limits, funds) ──&gt; hold: available ──&gt; held
 *   fill ──&gt; SpotRisk.settle: buyer's hold pays notional + fee, seller's hold pays base, FEES gains both fees
 *   finish ──&gt; SpotRisk.release: what is left of the hold ──&gt; available
 * </pre>
 * Everything here is primitive columns owned by the matching thread; the matching path allocates nothing.
 */
package io.arbiter.engine.risk;
