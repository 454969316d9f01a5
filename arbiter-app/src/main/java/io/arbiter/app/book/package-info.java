/**
 * {@code arbiter book}: a node's public book as a price ladder in the terminal, from its market-data feed.
 */
package io.arbiter.app.book;
