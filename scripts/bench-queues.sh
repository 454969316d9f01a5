#!/usr/bin/env bash
# The queue study of docs/benchmarks.md ("Queue study", "Pipeline"): the JMH hand-off benchmark (ArrayBlockingQueue,
# Agrona queue and ring, Disruptor consumed three ways, plus same-thread controls), then `arbiter bench pipeline`
# end to end once per ingress queue (disruptor, agrona, abq), with short settings (about 3.5 minutes in all).
# Usage: scripts/bench-queues.sh [extra JMH arguments]
# Environment: JMH_OPTS (default short settings for a shared 2-core machine), PIPELINE_OPTS (extra bench pipeline
# arguments, e.g. "--rate 300000"), ARBITER_JAVA_OPTS (JVM flags of the pipeline runs), OUT (result directory).
# Builds with ./arbiter (mvn package, never install) when the jar is stale.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT="${OUT:-$PWD/arbiter-bench/target/queues}"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 2 -w 1s -i 4 -r 1s -prof gc}"
PIPELINE_OPTS="${PIPELINE_OPTS:-}"
export ARBITER_JAVA_OPTS="${ARBITER_JAVA_OPTS:--Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:G1HeapRegionSize=32m}"
EXPORTS="--add-exports java.base/jdk.internal.misc=ALL-UNNAMED"
mkdir -p "$OUT"

./arbiter --help > /dev/null
{
    date -u
    echo "nproc $(nproc)"
    java -version 2>&1 | head -1
    uptime
} | tee "$OUT/environment.txt"

set -x
# shellcheck disable=SC2086
java $EXPORTS -cp arbiter-app/target/arbiter.jar org.openjdk.jmh.Main 'QueueHandoffBenchmark' \
    $JMH_OPTS -jvmArgs "$EXPORTS" -rf json -rff "$OUT/jmh.json" "$@" | tee "$OUT/jmh.txt"
# The one-event poll is slow because each poll scans the ring's availability flags up to the cursor: a small ring
# should make it much faster if that is the cause.
# shellcheck disable=SC2086
java $EXPORTS -cp arbiter-app/target/arbiter.jar org.openjdk.jmh.Main 'QueueHandoffBenchmark.disruptorPollOne1P' \
    $JMH_OPTS -p capacity=64 -jvmArgs "$EXPORTS" | tee "$OUT/jmh-pollone-64.txt"

for queue in disruptor agrona abq
do
    # shellcheck disable=SC2086
    ./arbiter bench pipeline --queue "$queue" --wait backoff --warmup 1000000 --commands 2000000 \
        --rate 1000000 --latency-warmup-seconds 1 --latency-seconds 2 $PIPELINE_OPTS \
        --json "$OUT/pipeline-$queue.json" | tee "$OUT/pipeline-$queue.txt"
done
