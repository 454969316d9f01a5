/**
 * The price-level index study: baseline {@link io.arbiter.engine.book.price.PriceIndex} adapters over the JDK's sorted
 * maps
 * and the JMH benchmark comparing them with the engine's allocation-free indexes (see {@code docs/book-structures.md}).
 */
package io.arbiter.bench.book;
