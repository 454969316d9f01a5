package io.arbiter.app.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.Side;

class EventLineFormatterTest
{
    private final StringBuilder text = new StringBuilder();
    private final EventLineFormatter formatter = new EventLineFormatter(text);

    @Test
    void shouldFormatEveryEventAsOneLine()
    {
        formatter.defineSymbol(0, "BTC-USD");
        formatter.defineSymbol(1, "ETH-USD");

        formatter.onAccepted(7, 3);
        formatter.onTrade(1, 1, 10_050_000_000L, 4, Side.BUY, 5, 2, 0, 7, 3, 6);
        formatter.onTrade(2, 0, 1_000_000L, 1, Side.SELL, 6, 2, 0, 7, 3, 5);
        formatter.onCanceled(7, 3, 5, CancelReason.SELF_TRADE);
        formatter.onReplaced(5, 2, 20_000_000_000L, 9);
        formatter.onRejected(CommandType.CANCEL, 8, 1, RejectReason.UNKNOWN_ORDER);

        assertEquals(
            "ACCEPTED,7\n" +
            "TRADE,ETH-USD,100.5,4,5,7\n" +
            "TRADE,BTC-USD,0.01,1,6,7\n" +
            "CANCELED,7,5,SELF_TRADE\n" +
            "REPLACED,5,200,9\n" +
            "REJECTED,8,UNKNOWN_ORDER\n",
            text.toString());
    }

    @Test
    void shouldNameEveryCancelAndRejectReasonByItsEnumName()
    {
        for (final CancelReason reason : CancelReason.values())
        {
            text.setLength(0);
            formatter.onCanceled(1, 1, 2, reason);
            assertEquals("CANCELED,1,2," + reason.name() + "\n", text.toString());
        }
        for (final RejectReason reason : RejectReason.values())
        {
            text.setLength(0);
            formatter.onRejected(CommandType.NEW, 3, 1, reason);
            assertEquals("REJECTED,3," + reason.name() + "\n", text.toString());
        }
    }
}
