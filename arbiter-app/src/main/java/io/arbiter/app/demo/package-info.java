/**
 * {@code arbiter demo}: a node on its embedded defaults, a short seeded load through the Java client, a report.
 */
package io.arbiter.app.demo;
