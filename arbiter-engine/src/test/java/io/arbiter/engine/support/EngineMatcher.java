package io.arbiter.engine.support;

import io.arbiter.engine.Command;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.Instrument;
import io.arbiter.engine.MatchingEngine;

/**
 * {@link Matcher} over the real {@link MatchingEngine}. Single threaded, like the engine.
 */
public final class EngineMatcher implements Matcher
{
    private final MatchingEngine engine;

    /**
     * @param context  pool sizes and limits.
     * @param listener receives every event.
     */
    public EngineMatcher(final EngineContext context, final ExecutionListener listener)
    {
        engine = new MatchingEngine(context, listener);
    }

    /**
     * @return the wrapped engine.
     */
    public MatchingEngine engine()
    {
        return engine;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public Instrument addInstrument(final String symbol, final long tickSizeUnits, final long lotSize)
    {
        return engine.addInstrument(symbol, tickSizeUnits, lotSize);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onCommand(final Command command)
    {
        engine.onCommand(command);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long stateHash()
    {
        return engine.stateHash();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int openOrderCount()
    {
        return engine.openOrderCount();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long tradeCount()
    {
        return engine.tradeCount();
    }
}
