#!/usr/bin/env bash
# End-to-end cost of observability (docs/benchmarks.md, "Observability overhead"): runs `arbiter bench e2e` against an
# in-process node in four configurations, each in its own JVM, and prints one table:
#   metrics off        --no-metrics                      (no counters, no stage histograms, no /metrics)
#   metrics on         (the default)                     tracing off, slow-order capture on (dynamic p99.9)
#   tracing 1 %        --trace-every 100                 spans to the log (no OTLP endpoint)
#   tracing all        --trace-every 1                   spans to the log
# Usage: scripts/bench-observability.sh [extra bench e2e options, which replace the defaults below]
# ROUNDS=N repeats the four configurations N times, interleaved, each round starting one configuration later so that
# none always runs first (default 1). Builds the jar through ./arbiter if it
# is stale (mvn package, never install). Output: reports/bench-observability/ (the e2e reports, JSON and each run's
# stderr, which holds the span log) and the table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS="${ROUNDS:-1}"
OUT="reports/bench-observability"
DEFAULT_ARGS=(--rates 10k,50k,100k --step-duration 4s --warmup 2s --no-overload --durability NONE --echo-rate 0)
if [[ $# -gt 0 ]]; then
    ARGS=("$@")
else
    ARGS=("${DEFAULT_ARGS[@]}")
fi
mkdir -p "$OUT"

NAMES=("metrics-off" "metrics-on" "tracing-1pct" "tracing-all")
LABELS=("metrics off" "metrics on, tracing off" "tracing 1 in 100" "tracing every order")
FLAGS=("--no-metrics" "" "--trace-every 100" "--trace-every 1")

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg)," \
    "$(java -version 2>&1 | head -1)"
echo "# ./arbiter bench e2e ${ARGS[*]} [config flag]; ROUNDS=$ROUNDS"
TABLE="$OUT/table.md"
{
    echo "| round | configuration | offered/s | achieved/s | p50 µs | p99 µs | p99.9 µs | max µs | kept up |"
    echo "|---|---|---|---|---|---|---|---|---|"
} > "$TABLE"

for ((round = 1; round <= ROUNDS; round++)); do
    for k in "${!NAMES[@]}"; do
        i=$(( (k + round - 1) % ${#NAMES[@]} ))
        name="${NAMES[$i]}"
        # shellcheck disable=SC2206
        flags=(${FLAGS[$i]})
        echo "round $round: ${LABELS[$i]} ..." >&2
        ./arbiter bench e2e "${ARGS[@]}" "${flags[@]}" \
            --report "$OUT/$name-$round.html" --json "$OUT/$name-$round.json" \
            > "$OUT/$name-$round.txt" 2> "$OUT/$name-$round.stderr.log"
        # The step table of bench e2e: step offered sent achieved p50 p99 p99.9 max errors rejected ok.
        awk -v round="$round" -v label="${LABELS[$i]}" \
            '$1 ~ /^[0-9]+$/ && NF == 11 {
                printf "| %s | %s | %d | %d | %s | %s | %s | %s | %s |\n", round, label, $2, $4, $5, $6, $7, $8, $11
            }' "$OUT/$name-$round.txt" >> "$TABLE"
    done
done
cat "$TABLE"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg); details in $OUT/"
