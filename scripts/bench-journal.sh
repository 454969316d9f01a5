#!/usr/bin/env bash
# Build arbiter-bench (package only, never install) and run the journal measurements of docs/journal.md:
#   scripts/bench-journal.sh            JournalBenchmark (append+commit per policy, replay, restart)
#   scripts/bench-journal.sh jmh        JournalWriteBenchmark (mmap vs FileChannel), short JMH settings
# Extra arguments go to the program (e.g. --seconds 2 --dir /tmp, --phases replay --runs 8) or to JMH.
# JOURNAL_BENCH_JAVA_OPTS replaces the JVM flags of the program (default "-Xms4g -Xmx4g -XX:G1HeapRegionSize=32m",
# i.e. G1 with the region size the arbiter launcher gives the server);
# e.g. JOURNAL_BENCH_JAVA_OPTS="-Xms4g -Xmx4g -XX:+UseParallelGC" to compare collectors (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."

CLASSPATH_FILE="$PWD/arbiter-bench/target/bench-classpath.txt"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 3 -w 1s -i 5 -r 1s}"

# One reactor run so that the engine and journal resolve to this worktree's fresh builds, not to ~/.m2.
mvn -q -B -pl arbiter-bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=runtime

read -r -a JAVA_OPTS <<< "${JOURNAL_BENCH_JAVA_OPTS:--Xms4g -Xmx4g -XX:G1HeapRegionSize=32m}"
BENCH_CP="arbiter-bench/target/classes:$(cat "$CLASSPATH_FILE")"
set -x
if [[ "${1:-}" == "jmh" ]]; then
    shift
    # shellcheck disable=SC2086
    java -cp "$BENCH_CP" org.openjdk.jmh.Main 'io.arbiter.bench.journal.JournalWriteBenchmark' $JMH_OPTS "$@"
else
    java "${JAVA_OPTS[@]}" -cp "$BENCH_CP" io.arbiter.bench.journal.JournalBenchmark "$@"
fi
