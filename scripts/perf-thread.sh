#!/usr/bin/env bash
# Where one thread of an arbiter run spends its CPU, kernel and system calls included (JFR samples Java frames only,
# and on the matching path charges a stall to whichever inlined frame it lands on). Starts `./arbiter ARGS...` (or
# `java <the launcher's flags> -jar JAR ARGS...` with --jar), waits DELAY seconds (past warm-up, into the step to
# look at), samples the first thread whose name starts with THREAD with `perf record -e cpu-clock` for SECONDS, asks
# the JVM for its map of compiled methods (`jcmd PID Compiler.perfmap`, JDK 17+) and prints, once the run ends, the
# share of the samples by object (the JIT's code, the kernel, libc, the vDSO's clock) and the top symbols; with
# --callers, the callers of the kernel's top symbols too. Compiled methods are named by the method the compiler
# compiled, so a frame inlined into it is charged to it.
#   scripts/perf-thread.sh [--jar JAR] [--delay S] [--seconds S] [--top N] [--callers] THREAD -- ARBITER_ARGS...
# e.g. scripts/perf-thread.sh --delay 15 --seconds 4 arbiter-matching -- bench e2e --rates 10k,300k,500k,500k,500k \
#          --step-duration 4s --warmup 2s --no-overload --durability NONE -c 4 --batch 64 --echo-rate 0
# Needs Linux `perf` (sampling a thread of its own child: perf_event_paranoid <= 2 is enough) and the JDK's `jcmd`.
# The raw data stays in a temporary directory, printed at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="" delay=10 seconds=4 top=30 callers=0
while [[ $# -gt 0 && "$1" == --* && "$1" != "--" ]]; do
    case "$1" in
        --jar) jar=$2; shift 2 ;;
        --delay) delay=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --top) top=$2; shift 2 ;;
        --callers) callers=1; shift ;;
        *) echo "perf-thread: unknown option $1" >&2; exit 2 ;;
    esac
done
if [[ $# -lt 2 || "$2" != "--" ]]; then
    sed -n 2,14p "$0" >&2
    exit 2
fi
thread=$1
shift 2
for tool in perf jcmd; do
    command -v "$tool" > /dev/null || { echo "perf-thread: '$tool' is not on the PATH" >&2; exit 2; }
done
# /proc shows at most 15 characters of a thread's name
thread=${thread:0:15}
out="$(mktemp -d /tmp/perf-thread.XXXXXX)"
if [[ -n "$jar" ]]; then
    java -Xms512m -Xmx2g -XX:G1HeapRegionSize=32m -XX:+ExitOnOutOfMemoryError -XX:+UseCompressedOops \
        --add-exports java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/jdk.internal.misc=ALL-UNNAMED \
        --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.util.zip=ALL-UNNAMED \
        -jar "$jar" "$@" > "$out/run.log" 2>&1 &
else
    "$root/arbiter" "$@" > "$out/run.log" 2>&1 &
fi
child=$!
sleep "$delay"
# ./arbiter execs java, so the child is the JVM
tid=""
for task in /proc/$child/task/*; do
    if [[ "$(cat "$task/comm" 2> /dev/null)" == "$thread"* ]]; then
        tid=${task##*/}
        break
    fi
done
if [[ -z "$tid" ]]; then
    echo "perf-thread: no thread named $thread* in process $child after $delay s (see $out/run.log)" >&2
    kill "$child" 2> /dev/null || true
    exit 1
fi
echo "perf-thread: sampling thread $tid ($thread) of process $child for $seconds s" >&2
perf record -g -e cpu-clock -F 4999 -t "$tid" -o "$out/perf.data" -- sleep "$seconds" > "$out/perf-record.log" 2>&1
jcmd "$child" Compiler.perfmap > /dev/null 2>&1 || echo "perf-thread: jcmd Compiler.perfmap failed: JIT frames unnamed" >&2
wait "$child" || echo "perf-thread: the run exited with status $?" >&2
grep -E "CPU|throughput|achieved|kept up" "$out/run.log" | tail -8 || true
# the cpu-clock event counts nanoseconds on the CPU
cpu_ns=$(perf report -i "$out/perf.data" --stdio -g none 2> /dev/null | sed -n 's/^# Event count (approx.): //p' |
    head -1 || true)
echo "== $thread: $(awk -v ns="${cpu_ns:-0}" -v s="$seconds" 'BEGIN { printf "%.2f", ns / s / 1e9 }') cores busy over $seconds s, by object"
perf report -i "$out/perf.data" --no-children --sort dso --stdio -g none 2> /dev/null | grep -E '^ +[0-9]' | head -8 || true
echo "== top $top symbols (self)"
perf report -i "$out/perf.data" --no-children --sort dso,sym --stdio -g none 2> /dev/null | grep -E '^ +[0-9]' |
    head -"$top" | cut -c1-180 || true
echo "== top $top symbols with what they call (children)"
perf report -i "$out/perf.data" --children --sort sym --stdio -g none 2> /dev/null | grep -E '^ +[0-9]' |
    head -"$top" | cut -c1-180 || true
if [[ $callers == 1 ]]; then
    echo "== callers of the top kernel symbols"
    perf report -i "$out/perf.data" --no-children --sort sym --stdio -g caller,0.5,callee --dsos '[kernel.kallsyms]' \
        2> /dev/null | grep -v '^#' | grep -v '^$' | head -80 | cut -c1-180 || true
fi
echo "perf-thread: data and the run's output in $out"
