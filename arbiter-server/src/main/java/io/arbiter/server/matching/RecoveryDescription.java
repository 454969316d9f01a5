package io.arbiter.server.matching;

import io.arbiter.journal.DurabilityPolicy;
import io.arbiter.journal.RecoveryResult;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The line a node logs after recovering its journal. Stateless; control plane.
 */
public final class RecoveryDescription
{
    private RecoveryDescription()
    {
    }

    /**
     * Produces garbage.
     *
     * @param result     of the recovery.
     * @param dataDir    the journal's directory.
     * @param handler    the matching handler the journal was recovered into.
     * @param durability the journal's durability policy.
     * @return one line: snapshot, records replayed, open orders and their accounts, time taken, and anything
     * skipped, truncated or recovered without a client order id.
     */
    public static String describe(
        final RecoveryResult result,
        final Path dataDir,
        final MatchingHandler handler,
        final DurabilityPolicy durability)
    {
        final StringBuilder text = new StringBuilder("recovered from ").append(dataDir)
            .append(": ");
        if (result.snapshot() != null)
        {
            text.append("snapshot at sequence ").append(result.snapshotSequence());
        }
        else
        {
            text.append("no snapshot");
        }
        text.append(", ").append(result.replayedCount()).append(" journal records replayed, last sequence ")
            .append(result.lastSequence()).append(", ").append(handler.engine().openOrderCount())
            .append(" open orders (of ").append(handler.parkedAccountCount())
            .append(" accounts, adopted at their next logon), ")
            .append(TimeUnit.NANOSECONDS.toMillis(result.durationNs())).append(" ms");
        if (handler.ownership().ordersWithoutClientOrderId() > 0)
        {
            text.append("; ").append(handler.ownership().ordersWithoutClientOrderId())
                .append(" orders recovered with client order id 2^64-1 (NewOrders journaled before that id was")
                .append(" rejected at the gateway): they rest as journaled and carry client order id 2^64-1");
        }
        for (final String skipped : result.skippedSnapshots())
        {
            text.append("; skipped damaged snapshot: ").append(skipped);
        }
        if (result.scan().tailFile() != null)
        {
            text.append("; torn tail truncated: ").append(result.scan().tailFile()).append(" at byte ")
                .append(result.scan().tailPosition()).append(" (").append(result.scan().tailReason()).append(')');
        }
        text.append("; durability ").append(durability.name().toLowerCase(Locale.ROOT));
        return text.toString();
    }
}
