/**
 * Journal measurements: {@link io.arbiter.bench.journal.JournalWriteBenchmark} (JMH, memory-mapped file versus
 * {@code FileChannel} writes) and {@link io.arbiter.bench.journal.JournalBenchmark} (append and commit throughput per
 * durability policy, replay speed, restart time from a snapshot). Results and commands are in {@code docs/journal.md}.
 */
package io.arbiter.bench.journal;
