/**
 * JMH study of the FIX floor: what QuickFIX/J's own encoding and decoding of the messages of one order cost, alone,
 * without sessions, stores or sockets, to compare {@code arbiter bench fix}'s CPU per request with.
 */
package io.arbiter.bench.fix;
