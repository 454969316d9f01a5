/**
 * The order book of one instrument and its storage: the two sides, price levels, resting orders and the order-id
 * index, with the price-level indexes in {@link io.arbiter.engine.book.price}. Single-threaded (the matching thread).
 */
package io.arbiter.engine.book;
