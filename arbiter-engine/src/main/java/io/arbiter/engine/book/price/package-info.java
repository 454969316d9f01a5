/**
 * Price indexes: ordered maps from a price in ticks to the price level at that price, one per book side
 * ({@link io.arbiter.engine.book.price.PriceIndex}), and their allocation-free implementations (radix tree, B+ tree,
 * sorted array). Everything here is used by the single matching thread that owns the book.
 */
package io.arbiter.engine.book.price;
