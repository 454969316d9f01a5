package io.arbiter.marketdata;

import io.arbiter.engine.Prices;
import io.arbiter.engine.Side;

/**
 * The JSON form of an instrument's public book served by the admin endpoint {@code GET /book/{symbol}?depth=N}:
 * {@code {"symbol":..,"instrumentId":..,"epoch":..,"sequence":..,"bids":[{"price":"100.5","quantity":10,"orders":2}
 * ..],"asks":[..]}}, prices as plain decimals, best levels first. Produces garbage (control plane).
 */
final class BookJson
{
    private BookJson()
    {
    }

    static String of(final InstrumentStream stream, final long epoch, final int depth)
    {
        final StringBuilder json = new StringBuilder(256);
        json.append("{\"symbol\":\"").append(stream.symbol).append("\",\"instrumentId\":").append(stream.instrumentId)
            .append(",\"epoch\":").append(epoch).append(",\"sequence\":").append(stream.sequence);
        side(json.append(",\"bids\":"), stream.book, Side.BUY, depth);
        side(json.append(",\"asks\":"), stream.book, Side.SELL, depth);
        return json.append("}\n").toString();
    }

    private static void side(final StringBuilder json, final LevelBook book, final Side side, final int depth)
    {
        final int levels = depth <= 0 ? book.depth(side) : Math.min(depth, book.depth(side));
        json.append('[');
        for (int rank = 0; rank < levels; rank++)
        {
            json.append(rank == 0 ? "" : ",").append("{\"price\":\"");
            Prices.appendTo(book.price(side, rank), json).append("\",\"quantity\":").append(book.quantity(side, rank))
                .append(",\"orders\":").append(book.orderCount(side, rank)).append('}');
        }
        json.append(']');
    }
}
