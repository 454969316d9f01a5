/**
 * Output of the benchmarks: their figures as JSON ({@link io.arbiter.bench.report.BenchJson}).
 */
package io.arbiter.bench.report;
