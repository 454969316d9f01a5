/**
 * One side of an order book: the {@link io.arbiter.engine.book.PriceIndex} from price in ticks to price level, and
 * its allocation-free implementations (radix tree, B+ tree, sorted array). Everything here is used by the single
 * matching thread that owns the book.
 */
package io.arbiter.engine.book;
