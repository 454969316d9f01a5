#!/usr/bin/env bash
# Compare two builds on `arbiter bench pipeline`, whose throughput moves by up to ±30 % from one run to the next on a
# shared 2-core machine: runs the same command with each jar in turn, PAIRS times (the order inside a pair alternates,
# so a slow minute falls on both), and prints each pair's B/A ratio, then the median and geometric mean of the
# ratios. A single run of either jar means little; 10 pairs with most ratios on one side of 1 do.
#   scripts/pipeline-ab.sh [--pairs N] A.jar B.jar [-- PIPELINE_ARGS...]
# PIPELINE_ARGS default to the usual command of docs/benchmarks.md ("--warmup 1000000 --commands 3000000 --rate
# 1000000 --latency-seconds 2"); PIPELINE_AB_JAVA_OPTS replaces the JVM flags (default: 2 GB heap, pre-touched, G1
# with 32 MB regions, as in the summary table), and PIPELINE_AB_JAVA_OPTS_B, if set, replaces them for B only (to
# compare flags, e.g. collectors, with one jar given twice). Each pair also prints the matching thread's CPU time
# per command of each run (ns), and the summary its B/A.
# e.g. scripts/pipeline-ab.sh --pairs 10 /tmp/before.jar arbiter-app/target/arbiter.jar
#      PIPELINE_AB_JAVA_OPTS_B="-Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:+UseParallelGC" \
#          scripts/pipeline-ab.sh J.jar J.jar -- --warmup 2000000 --commands 5000000
set -euo pipefail
pairs=10
if [[ "${1:-}" == "--pairs" ]]; then
    pairs=$2
    shift 2
fi
if [[ $# -lt 2 || ! -f "$1" || ! -f "$2" ]]; then
    sed -n 2,10p "$0" >&2
    exit 2
fi
if ! [[ "$pairs" =~ ^[1-9][0-9]*$ ]]; then
    echo "pipeline-ab: --pairs must be a positive integer, got '$pairs'" >&2
    exit 2
fi
jar_a=$1 jar_b=$2
shift 2
[[ "${1:-}" == "--" ]] && shift
args=("$@")
if [[ ${#args[@]} -eq 0 ]]; then
    args=(--warmup 1000000 --commands 3000000 --rate 1000000 --latency-seconds 2)
fi
read -r -a jvm_opts <<< "${PIPELINE_AB_JAVA_OPTS:--Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:G1HeapRegionSize=32m}"
read -r -a jvm_opts_b <<< "${PIPELINE_AB_JAVA_OPTS_B:-${jvm_opts[*]}}"
exports=(--add-exports java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/jdk.internal.misc=ALL-UNNAMED
    --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.util.zip=ALL-UNNAMED)

# run JAR A|B: prints "commands/s ns-per-command" (the ns empty if the build prints no matching-thread CPU line)
run() {
    local out opts
    if [[ "$2" == B ]]; then opts=("${jvm_opts_b[@]}"); else opts=("${jvm_opts[@]}"); fi
    out=$(java "${opts[@]}" "${exports[@]}" -jar "$1" bench pipeline "${args[@]}" 2>&1) || {
        echo "pipeline-ab: run of $1 failed:" >&2
        echo "$out" | tail -5 >&2
        exit 1
    }
    echo "$(echo "$out" | sed -n 's/^throughput: .* = \([0-9,]*\) commands\/s.*/\1/p' | tr -d , | head -1)" \
        "$(echo "$out" | sed -n 's/^matching thread CPU in that phase: \([0-9]*\) ns per command.*/\1/p' | head -1)"
}

ratios=()
cpu_ratios=()
echo "pair  A commands/s  B commands/s  B/A    A ns/cmd  B ns/cmd  B/A   ($(date -u +%H:%M:%S) UTC; A = $jar_a, B = $jar_b)"
for ((i = 1; i <= pairs; i++)); do
    if ((i % 2 == 1)); then
        read -r a a_ns <<< "$(run "$jar_a" A)"; read -r b b_ns <<< "$(run "$jar_b" B)"
    else
        read -r b b_ns <<< "$(run "$jar_b" B)"; read -r a a_ns <<< "$(run "$jar_a" A)"
    fi
    if [[ -z "${a:-}" || -z "${b:-}" ]]; then
        echo "pipeline-ab: no throughput line in the output of pair $i" >&2
        exit 1
    fi
    ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }')
    ratios+=("$ratio")
    cpu_ratio=-
    if [[ -n "${a_ns:-}" && -n "${b_ns:-}" ]]; then
        cpu_ratio=$(awk -v a="$a_ns" -v b="$b_ns" 'BEGIN { printf "%.3f", b / a }')
        cpu_ratios+=("$cpu_ratio")
    fi
    printf '%4d  %12s  %12s  %s  %8s  %8s  %s\n' "$i" "$a" "$b" "$ratio" "${a_ns:--}" "${b_ns:--}" "$cpu_ratio"
done
summary() {
    sort -n | awk -v what="$1" '
        { r[NR] = $1; log_sum += log($1); if ($1 < 1) below++ }
        END {
            if (NR == 0) exit
            median = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
            printf "%s B/A over %d pairs: median %.3f, geometric mean %.3f, %d of %d below 1\n",
                what, NR, median, exp(log_sum / NR), below, NR
        }'
}
printf '%s\n' "${ratios[@]}" | summary "throughput"
if [[ ${#cpu_ratios[@]} -gt 0 ]]; then
    printf '%s\n' "${cpu_ratios[@]}" | summary "matching thread CPU per command"
fi
