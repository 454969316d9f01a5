/**
 * Market data: the engine's level changes and public trades turned into sequenced per-instrument streams
 * ({@code BookUpdate}, {@code PublicTrade}, {@code BookSnapshot}, {@code TopOfBook} of {@code arbiter.proto}) and
 * served over TCP, and the book a client keeps from them.
 * <pre>
 *   matching thread                      feed thread (MarketDataAgent)                   Netty event loops
 *   engine --LevelListener/onTrade-->    reads records up to the durable sequence,   --> subscriber channels
 *   MarketDataPublisher --ring-->        applies them to LevelBooks, numbers and        (bounded: conflation by
 *   (never waits: a full ring drops       encodes the messages, fans them out            snapshot, SLOW_CONSUMER)
 *    and is reported as an overrun)      (subscribe requests arrive on a queue)
 * </pre>
 */
package io.arbiter.marketdata;
