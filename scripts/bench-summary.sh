#!/usr/bin/env bash
# Runs, one after another, the benchmarks behind the summary table of docs/benchmarks.md, on this machine, with the
# launcher's defaults unless a row says otherwise, and keeps every output under target/bench-summary/<UTC time>/.
# Run it on a quiet machine: every row is a throughput or latency figure. Takes about 30 minutes.
set -euo pipefail

usage()
{
    cat <<'USAGE'
Usage: scripts/bench-summary.sh [--only NAME[,NAME...]] [--help]

Runs the summary benchmarks in this order (names for --only):
  engine       bench engine, launcher defaults, then with --book-updates (#15, #16)
  pipeline     bench pipeline, without and with --journal (#15, #14)
  e2e-batch    bench e2e, durable default BATCH, 4 batching connections, 10k..300k/s (#14)
  e2e-none     bench e2e, durability NONE, 4 batching connections, 50k..500k/s (#13, #15)
  demo         arbiter demo on its defaults (#14: overload modes entered, ack p50/p99)
  sweep        bench e2e --connections-sweep 10,100,1000,2000 at 20k/s, beside the echo (#21)
  idle         bench idle-sessions: 10,000 idle sessions, memory each, p50 of 4 active beside them (#21)
  slow-reader  scripts/slow-reader.sh with 1 and 10 attackers (#13)
Outputs: target/bench-summary/<time>/<name>.log (and .json where the benchmark writes one).
USAGE
}

only=""
while [[ $# -gt 0 ]]
do
    case "$1" in
        --only) only="${2:?--only needs a list}"; shift 2 ;;
        --help|-h) usage; exit 0 ;;
        *) echo "bench-summary: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")/.."
out="target/bench-summary/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
wanted() { [[ -z "$only" || ",$only," == *",$1,"* ]]; }
run()
{
    local name="$1"; shift
    echo "bench-summary: $name: $* ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$out/index.txt"
    "$@" > "$out/$name.log" 2>&1 || echo "bench-summary: $name exited $?" | tee -a "$out/index.txt"
    tail -n 25 "$out/$name.log"
}

./arbiter --version > /dev/null   # builds the jar first, outside the timed runs
if wanted engine
then
    run engine ./arbiter bench engine --json "$out/engine.json"
    run engine-book-updates ./arbiter bench engine --book-updates --json "$out/engine-book-updates.json"
fi
if wanted pipeline
then
    run pipeline ./arbiter bench pipeline --json "$out/pipeline.json"
    run pipeline-journal ./arbiter bench pipeline --journal --json "$out/pipeline-journal.json"
fi
if wanted e2e-batch
then
    run e2e-batch ./arbiter bench e2e --rates 10k,50k,100k,200k,300k --step-duration 3s --warmup 2s --no-overload \
        --durability BATCH -c 4 --batch 64 --json "$out/e2e-batch.json"
fi
if wanted e2e-none
then
    run e2e-none ./arbiter bench e2e --rates 50k,200k,500k,800k --step-duration 3s --warmup 2s --no-overload \
        --durability NONE -c 4 --batch 64 --json "$out/e2e-none.json"
fi
if wanted demo
then
    run demo ./arbiter demo
fi
if wanted sweep
then
    run sweep ./arbiter bench e2e --connections-sweep 10,100,1000,2000 --rates 20k --step-duration 5s --warmup 15s --no-overload \
        --json "$out/sweep.json"
fi
if wanted idle
then
    run idle ./arbiter bench idle-sessions --sessions 10000 --json "$out/idle.json"
fi
if wanted slow-reader
then
    run slow-reader-1 scripts/slow-reader.sh --seconds 20
    run slow-reader-10 scripts/slow-reader.sh --seconds 20 --connections 10
fi
echo "bench-summary: done; outputs in $out"
