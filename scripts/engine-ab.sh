#!/usr/bin/env bash
# Compare engine builds on a busy machine: every variant (a jar, or class directories before a jar, and "plain" or
# "risk") builds the same bench-engine book in ONE JVM, each in its own class loader (its own JIT profile), then all
# replay their recorded tapes chunk by chunk in rotating order, each chunk timed by the thread's CPU time. Load from
# other processes then falls on every variant alike; the ratio of consecutive variants (plain, risk) is printed.
#   scripts/engine-ab.sh [--resting N] [--warmup N] [--tape N] [--chunk N] LABEL=JAR[,JAR...]:plain|risk[@D] ...
# (@D: replay looking ahead in groups of D commands, CommandTape.replay; jars from the engine6 change on, where it
# was one command at a time, D commands a stage, until the eighteenth session)
# e.g. scripts/engine-ab.sh old-plain=/tmp/old.jar:plain old-risk=/tmp/old.jar:risk \
#          new-plain=arbiter-app/target/arbiter.jar:plain new-risk=arbiter-app/target/arbiter.jar:risk
# ENGINE_AB_JAVA_OPTS replaces the JVM flags (default: 6 GB heap, pre-touched, G1 with 32 MB regions).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
resting=1000000 warmup=1000000 tape=3000000 chunk=100000
while [[ $# -gt 0 && "$1" == --* ]]; do
    case "$1" in
        --resting) resting=$2 ;;
        --warmup) warmup=$2 ;;
        --tape) tape=$2 ;;
        --chunk) chunk=$2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
done
[[ $# -ge 1 ]] || { sed -n 2,9p "$0" >&2; exit 2; }
first="${1#*=}"; first="${first%:*}"; first="${first##*,}"
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
javac -d "$classes" -cp "$first" "$root/scripts/engine-ab/PairDriver.java" "$root/scripts/engine-ab/PairBench.java"
read -r -a jvm_opts <<< "${ENGINE_AB_JAVA_OPTS:--Xms6g -Xmx6g -XX:+AlwaysPreTouch -XX:G1HeapRegionSize=32m}"
java "${jvm_opts[@]}" --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -Dharness.dir="$classes" \
    -cp "$classes" PairBench "$resting" "$warmup" "$tape" "$chunk" "$@"
