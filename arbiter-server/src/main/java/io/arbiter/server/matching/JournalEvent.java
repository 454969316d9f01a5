package io.arbiter.server.matching;

import com.lmax.disruptor.EventFactory;
import io.arbiter.engine.Command;

/**
 * One slot of the journal ring between the matching thread (the single producer) and the journal writer threads: a
 * numbered command the engine applies, with its client order id, or a request to force the journal if the interval
 * policy's deadline passed. Reused; allocation-free after the ring is built.
 */
final class JournalEvent
{
    /** Makes the ring's slots. */
    static final EventFactory<JournalEvent> FACTORY = JournalEvent::new;

    final Command command = new Command();
    long clientOrderId;
    /** {@code System.nanoTime()} of the hand-off, 0 when not measured. */
    long publishedNs;
    /** True for a force-if-due request (no command). */
    boolean forceIfDue;
}
