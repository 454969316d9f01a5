package io.arbiter.engine.support;

import io.arbiter.engine.Command;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.Instrument;

/**
 * What the engine tests drive: the real {@link io.arbiter.engine.MatchingEngine} (through {@link EngineMatcher}) or the
 * {@link ReferenceBook}. Single threaded.
 */
public interface Matcher
{
    /**
     * Builds a matcher with a listener.
     */
    @FunctionalInterface
    interface Factory
    {
        /**
         * @param context  pool sizes and limits.
         * @param listener receives every event.
         * @return a new, empty matcher.
         */
        Matcher create(EngineContext context, ExecutionListener listener);
    }

    /**
     * @param symbol        unique symbol.
     * @param tickSizeUnits tick size in price units.
     * @param lotSize       lot size.
     * @return the new instrument.
     */
    Instrument addInstrument(String symbol, long tickSizeUnits, long lotSize);

    /**
     * @param command to apply; its events reach the listener before this returns.
     */
    void onCommand(Command command);

    /**
     * @return hash of all books in the canonical order of {@link io.arbiter.engine.StateHash}.
     */
    long stateHash();

    /**
     * @return resting orders over all books.
     */
    int openOrderCount();

    /**
     * @return trades so far.
     */
    long tradeCount();
}
