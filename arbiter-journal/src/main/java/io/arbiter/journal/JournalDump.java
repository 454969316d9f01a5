package io.arbiter.journal;

import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.Prices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes journal records as text, one line each, for {@code arbiter journal dump --from SEQ}; the CLI command only
 * parses its options and calls {@link #dump}. Control plane (produces garbage); one thread at a time.
 * <p>
 * Line format: {@code <seq> ts=<ns> <TYPE> id=<id> acct=<account> instr=<id> <SIDE> <ORDER_TYPE> <TIF> stp=<mode>
 * px=<decimal or null> qty=<qty> @<file>:<byte>}; warnings and the summary start with {@code #}.
 */
public final class JournalDump
{
    private JournalDump()
    {
    }

    /**
     * Dump records from a sequence.
     *
     * @param dataDir      data directory.
     * @param fromSequence first sequence to print.
     * @param limit        most records to print (the rest are still read and validated), or Long.MAX_VALUE.
     * @param out          receives the text.
     * @return what was read.
     * @throws JournalCorruptedException if the journal is damaged other than at its tail.
     * @throws UncheckedIOException      if {@code out} fails.
     */
    public static ScanResult dump(final Path dataDir, final long fromSequence, final long limit, final Appendable out)
    {
        final StringBuilder line = new StringBuilder(256);
        final long[] printed = new long[1];
        final JournalReader reader = new JournalReader(dataDir, message -> append(out, "# warning: " + message + "\n"));
        final ScanResult result = reader.read(fromSequence, (command, clientOrderId, segment, position) ->
        {
            if (printed[0] < limit)
            {
                line.setLength(0);
                format(command, line);
                if (clientOrderId != JournalDescriptor.NO_CLIENT_ORDER_ID)
                {
                    line.append(" cl=").append(Long.toUnsignedString(clientOrderId));
                }
                line.append(" @").append(segment.getFileName()).append(':').append(position)
                    .append('\n');
                append(out, line);
                printed[0]++;
            }
        });
        append(out, "# " + result.recordsDelivered() + " records from sequence " + fromSequence + ", " +
            printed[0] + " printed; last sequence " + result.lastSequence() + "\n");
        return result;
    }

    /**
     * Format one command as in a dump line, without the location.
     *
     * @param command to format.
     * @param out     to append to.
     * @return {@code out}.
     */
    public static StringBuilder format(final Command command, final StringBuilder out)
    {
        out.append(command.sequence()).append(" ts=").append(command.timestampNs()).append(' ')
            .append(command.type()).append(" id=").append(command.orderId()).append(" acct=").append(command.account());
        if (command.type() == CommandType.NEW)
        {
            out.append(" instr=").append(command.instrumentId()).append(' ').append(command.side()).append(' ')
                .append(command.orderType()).append(' ').append(command.timeInForce()).append(" stp=")
                .append(command.selfTradePrevention());
        }
        out.append(" px=");
        if (command.price() == Prices.NULL_PRICE)
        {
            out.append("null");
        }
        else
        {
            Prices.appendTo(command.price(), out);
        }
        return out.append(" qty=").append(command.quantity());
    }

    private static void append(final Appendable out, final CharSequence text)
    {
        try
        {
            out.append(text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
