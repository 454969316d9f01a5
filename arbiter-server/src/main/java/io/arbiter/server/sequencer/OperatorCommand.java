package io.arbiter.server.sequencer;

import io.arbiter.engine.CommandType;

/**
 * An operator's command from the admin API, validated over its whole range by the admin side and resolved against
 * the engine's state by the matching thread, which journals and applies it (see {@code docs/admin.md}). Names are
 * resolved on the matching thread, accounts by the admin side from the configuration. Immutable; any thread.
 *
 * @param type    INSTRUMENT, HALT, RESUME, DELIST, BAND, DEPOSIT, WITHDRAW, FEES, LIMITS, DISABLE or ENABLE.
 * @param symbol  the instrument's symbol (INSTRUMENT, HALT, RESUME, DELIST, BAND, FEES, LIMITS); DEPOSIT, WITHDRAW:
 *                the pair whose shard holds the balance (cluster mode; a single node ignores it) or null; else null.
 * @param account the engine account id (DEPOSIT, WITHDRAW, DISABLE, ENABLE), else 0.
 * @param asset   the asset's name (DEPOSIT, WITHDRAW); for an ACCOUNT request the account's name; else null.
 * @param first   INSTRUMENT: tick size in 1e-8 units; BAND: hundredths of a percent; DEPOSIT, WITHDRAW: amount in
 *                1e-8 units; FEES: maker bps; LIMITS: largest quantity; else 0.
 * @param second  INSTRUMENT: lot size; FEES: taker bps; LIMITS: largest notional in 1e-8 quote units; else 0.
 * @param base    INSTRUMENT: base asset or null.
 * @param quote   INSTRUMENT: quote asset or null.
 */
public record OperatorCommand(
    CommandType type, String symbol, long account, String asset, long first, long second, String base, String quote)
{
}
