#!/usr/bin/env bash
# Run the hostile-input fuzzers of issue #13 for about N minutes and print how many inputs they tried:
#   - FrameFuzzTest (arbiter-protocol): mutated streams of client frames through the frame decoder, every
#     validated frame applied by a real engine;
#   - HostileClientFuzzSystemTest (arbiter-system-tests): order requests with every field at arbitrary values from
#     three sessions against a real node on loopback, with reconnects, snapshots and restarts.
# CI runs both with their bounded default tries (about two minutes together on a quiet 2-core machine). This script
# builds once, then runs rounds of both (fresh random seeds each round; at least one round), sizing each round from
# the last one, until N minutes have passed.
# Usage: scripts/fuzz.sh [--minutes N]   (default 5). Exit status: non-zero as soon as a round fails.
# Never installs anything: it runs the reactor from this checkout with -o (offline).
set -euo pipefail
cd "$(dirname "$0")/.."

MINUTES=5
while [ $# -gt 0 ]; do
    case "$1" in
        --minutes) MINUTES="$2"; shift 2 ;;
        --minutes=*) MINUTES="${1#--minutes=}"; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "fuzz.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

COUNTS="$PWD/target/fuzz-counts.txt"
mkdir -p target
: > "$COUNTS"
FRAME_TRIES=5000
NODE_TRIES=10
ROUND=0

# Build once (the rounds then find everything compiled).
mvn -B -q -o -pl arbiter-system-tests -am test-compile
END=$(( $(date +%s) + MINUTES * 60 ))

while [ "$ROUND" -eq 0 ] || [ "$(date +%s)" -lt "$END" ]; do
    ROUND=$((ROUND + 1))
    START=$(date +%s)
    echo "fuzz.sh: round $ROUND: $FRAME_TRIES frame streams, $NODE_TRIES node runs" >&2
    run_round() # module test-class tries log
    {
        mvn -B -q -o -pl "$1" -am test -Dtest="$2" -Dsurefire.failIfNoSpecifiedTests=false \
            -Djqwik.tries.default="$3" -Darbiter.fuzz.countFile="$COUNTS" > "$4" 2>&1 || {
            echo "fuzz.sh: round $ROUND of $2 FAILED; see $4" >&2
            grep -v '^\s*at ' "$4" | tail -60 >&2
            exit 1
        }
    }
    run_round arbiter-protocol FrameFuzzTest "$FRAME_TRIES" "target/fuzz-frames-$ROUND.log"
    run_round arbiter-system-tests HostileClientFuzzSystemTest "$NODE_TRIES" "target/fuzz-node-$ROUND.log"
    TOOK=$(( $(date +%s) - START + 1 ))
    LEFT=$(( END - $(date +%s) ))
    # aim the next round at up to 5 minutes, or what is left
    TARGET=$(( LEFT < 300 ? LEFT : 300 ))
    if [ "$TARGET" -lt 30 ]; then
        break
    fi
    FRAME_TRIES=$(( FRAME_TRIES * TARGET / TOOK )); [ "$FRAME_TRIES" -lt 1000 ] && FRAME_TRIES=1000
    NODE_TRIES=$(( NODE_TRIES * TARGET / TOOK )); [ "$NODE_TRIES" -lt 5 ] && NODE_TRIES=5
done

FRAMES=$(awk '$1 == "frames" { s += $2 } END { print s + 0 }' "$COUNTS")
REQUESTS=$(awk '$1 == "node" { s += $2 } END { print s + 0 }' "$COUNTS")
echo "fuzz.sh: $ROUND rounds in $MINUTES minutes, 0 failures: $FRAMES client frames decoded by the frame fuzzer," \
    "$REQUESTS order requests sent to live nodes; $((FRAMES + REQUESTS)) messages tried"
