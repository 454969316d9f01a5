/**
 * Logging of the {@code arbiter} program: SLF4J with Logback, one line per record (or one JSON object per line), never
 * in the middle of the progress line.
 */
package io.arbiter.app.logging;
