package io.arbiter.engine;

import io.arbiter.engine.book.OrderBook;

/**
 * The price band arithmetic, exact in integers: the bounds around a reference price in ticks for a band given in
 * hundredths of a percent (see {@code docs/engine-semantics.md}).
 */
final class PriceBand
{
    /** 100 % in hundredths of a percent: the widest band. */
    static final long HUNDREDTHS = 10_000;

    private PriceBand()
    {
    }

    /**
     * @return whether a limit price in ticks is outside the book's band around the reference price (never when the
     *         band is off or there was no trade).
     */
    static boolean outside(final OrderBook book, final long reference, final long ticks)
    {
        final long hundredths = book.bandHundredths();
        return hundredths > 0 && reference >= 0 &&
            (ticks < lowBand(reference, hundredths) || ticks > highBand(reference, hundredths));
    }

    /**
     * @return the highest price in ticks inside the band: floor(reference × (10,000 + hundredths) / 10,000).
     */
    static long highBand(final long reference, final long hundredths)
    {
        final long factor = HUNDREDTHS + hundredths;
        final long whole = reference / HUNDREDTHS;
        if (whole > Long.MAX_VALUE / factor)
        {
            return Long.MAX_VALUE;
        }
        return whole * factor + reference % HUNDREDTHS * factor / HUNDREDTHS;
    }

    /**
     * @return the lowest price in ticks inside the band: ceil(reference × (10,000 − hundredths) / 10,000).
     */
    static long lowBand(final long reference, final long hundredths)
    {
        final long factor = HUNDREDTHS - hundredths;
        final long part = reference % HUNDREDTHS * factor;
        return reference / HUNDREDTHS * factor + part / HUNDREDTHS +
            (part % HUNDREDTHS == 0 ? 0 : 1);
    }

}
