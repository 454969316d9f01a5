#!/usr/bin/env bash
# Build arbiter-bench (package only, never install) and run the price-level index study of docs/book-structures.md.
# Usage: scripts/bench-book-structures.sh [extra JMH arguments, e.g. -p levels=10]
# Defaults are short settings for a shared 2-core machine; override with JMH_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."

CLASSPATH_FILE="$PWD/arbiter-bench/target/bench-classpath.txt"
RESULTS="${RESULTS:-$PWD/arbiter-bench/target/book-structures.json}"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc}"

# One reactor run so that the engine resolves to this worktree's freshly built jar, not to ~/.m2.
# build-classpath runs for each module in reactor order; arbiter-bench comes last, so the file is its classpath.
mvn -q -B -pl arbiter-bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=runtime

BENCH_CP="arbiter-bench/target/classes:$(cat "$CLASSPATH_FILE")"
set -x
# shellcheck disable=SC2086
java -cp "$BENCH_CP" org.openjdk.jmh.Main 'io.arbiter.bench.book.PriceIndexBenchmark' \
    $JMH_OPTS -rf json -rff "$RESULTS" "$@"
