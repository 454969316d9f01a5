package io.arbiter.engine;

import io.arbiter.engine.support.Matcher;
import io.arbiter.engine.support.ReferenceBook;

/**
 * Runs every rule test of {@link MatchingEngineTest} against the {@link ReferenceBook}, the oracle of the differential
 * test, so that the oracle is checked against the document independently of the engine.
 */
class ReferenceBookTest extends MatchingEngineTest
{
    @Override
    Matcher.Factory factory()
    {
        return ReferenceBook::new;
    }
}
