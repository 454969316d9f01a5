#!/usr/bin/env bash
# Run the engine's differential test on long extended streams (issue #17: stops, icebergs, GTD and TIME, mass
# cancel, halt/resume, bands, delisting) against the reference book: N commands (default 5,000,000) in streams of
# 3,000, seeds from S (default 1). The suite runs 300,000; this is the "millions" run.
# Usage: scripts/fuzz-engine.sh [--commands N] [--seed S]
# Never installs anything: it runs the reactor from this checkout with -o (offline).
set -euo pipefail
cd "$(dirname "$0")/.."

COMMANDS=5000000
SEED=1
while [ $# -gt 0 ]; do
    case "$1" in
        --commands) COMMANDS="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
        *) echo "fuzz-engine.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

mvn -B -q -o -pl arbiter-engine test \
    -Dtest='MatchingEngineDifferentialTest#shouldProduceTheSameEventsAsTheReferenceOnExtendedStreams' \
    -Dsurefire.failIfNoSpecifiedTests=false -Darbiter.fuzz.commands="$COMMANDS" -Darbiter.fuzz.seed="$SEED"
echo "fuzz-engine.sh: $COMMANDS extended commands from seed $SEED: engine and reference agree"
