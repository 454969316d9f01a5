package io.arbiter.engine;

/**
 * The matching engine: one price-time-priority book per instrument, driven by {@link #onCommand(Command)}.
 * Single writer: one thread owns an engine and everything in it. Deterministic: it reads no clock and no randomness.
 */
public final class MatchingEngine
{
    /**
     * @param context  pool sizes and limits.
     * @param listener receives every event synchronously.
     */
    public MatchingEngine(final EngineContext context, final ExecutionListener listener)
    {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Define an instrument (control plane, produces garbage).
     *
     * @param symbol        unique symbol.
     * @param tickSizeUnits tick size in {@link Prices} units, positive.
     * @param lotSize       lot size, positive.
     * @return the new instrument.
     * @throws IllegalArgumentException if the symbol exists or a size is not positive.
     */
    public Instrument addInstrument(final String symbol, final long tickSizeUnits, final long lotSize)
    {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * @param symbol to look up.
     * @return the instrument id, or -1 if none has that symbol.
     */
    public int instrumentId(final String symbol)
    {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * @param instrumentId dense id.
     * @return the instrument, or null.
     */
    public Instrument instrument(final int instrumentId)
    {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * @return number of instruments defined.
     */
    public int instrumentCount()
    {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Apply one command; its events reach the listener before this returns. Never throws for bad input: it rejects.
     *
     * @param command to apply; read, not kept.
     */
    public void onCommand(final Command command)
    {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * @return hash of all books in the canonical order described by {@link StateHash}.
     */
    public long stateHash()
    {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * @return number of resting orders over all books.
     */
    public int openOrderCount()
    {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * @return number of trades so far (the last trade id).
     */
    public long tradeCount()
    {
        throw new UnsupportedOperationException("not yet");
    }
}
