#!/usr/bin/env bash
# Build arbiter-bench (package only, never install) and run the overload study of docs/overload.md:
# Bucket4j and Resilience4j against the node's own limiter and breaker, per order, with -prof gc.
# Usage: scripts/bench-overload.sh [extra JMH arguments]
# Defaults are short settings for a shared 2-core machine; override with JMH_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."

CLASSPATH_FILE="$PWD/arbiter-bench/target/bench-classpath.txt"
RESULTS="${RESULTS:-$PWD/arbiter-bench/target/overload.json}"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc}"

# One reactor run so that arbiter-server resolves to this worktree's freshly built jar, not to ~/.m2.
mvn -q -B -pl arbiter-bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=runtime

BENCH_CP="arbiter-bench/target/classes:$(cat "$CLASSPATH_FILE")"
set -x
# shellcheck disable=SC2086
java -cp "$BENCH_CP" org.openjdk.jmh.Main 'io.arbiter.bench.overload.OverloadBenchmark' \
    $JMH_OPTS -rf json -rff "$RESULTS" "$@"
