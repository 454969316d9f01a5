#!/usr/bin/env python3
# Per-thread CPU and context switches of one arbiter run (issue #21: where the CPU goes with many connections).
# Runs the command, reads /proc/PID/task/*/{stat,status} every 0.5 s while it runs, and prints, for the busiest
# WINDOW seconds of the run (the most process CPU: the measured step, not start-up or shutdown), each thread name's
# cores busy and voluntary (it blocked: one wake-up each) and involuntary (it was preempted) context switches per
# second. Threads of one name (arbiter-io-1-1, -1-2 ...) are summed; the trailing digits are dropped.
#
# Usage: scripts/thread-cpu.py [--window S] [--from S] [--jar JAR] [--pin NAME [--pin-at S]] -- ARBITER_ARGS...
#   --window S  length of the reported window in seconds (default 4)
#   --from S    report the window starting S seconds after the start instead of the busiest one (a rate sweep's
#               early steps, with the JIT compiling, are often the busiest)
#   --jar JAR   run `java <the launcher's default flags> -jar JAR` instead of ./arbiter (to compare builds)
#   --pin NAME  S seconds after the start (--pin-at, default 11: past a sweep's warm-up, so the compilers are not
#               confined too), give the thread NAME... the machine's last CPU alone and every other arbiter-* thread
#               the first CPU (JVM threads stay unpinned): does a thread cost less per request on a core of its own?
# Example: scripts/thread-cpu.py -- bench e2e --no-overload --connections-sweep 2000 --rates 20k
#              --step-duration 6s --warmup 3s --echo-rate 0
# The command's own output goes to stderr. Linux only; reads nothing outside the child's /proc entries and changes
# nothing but, with --pin, its threads' CPU affinity.
import argparse
import glob
import os
import re
import subprocess
import sys
import time

parser = argparse.ArgumentParser(description="per-thread CPU and context switches of an arbiter run")
parser.add_argument("--window", type=float, default=4.0)
parser.add_argument("--from", dest="start", type=float)
parser.add_argument("--jar")
parser.add_argument("--pin")
parser.add_argument("--pin-at", dest="pin_at", type=float, default=11.0)
parser.add_argument("args", nargs=argparse.REMAINDER)
options = parser.parse_args()
args = options.args[1:] if options.args[:1] == ["--"] else options.args
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if options.jar:
    command = ["java", "-Xms512m", "-Xmx2g", "-XX:G1HeapRegionSize=32m", "-XX:+ExitOnOutOfMemoryError",
               "-XX:+UseCompressedOops", "-jar", options.jar] + args
else:
    command = [os.path.join(root, "arbiter")] + args
child = subprocess.Popen(command, stdout=sys.stderr, stderr=sys.stderr)
ticks = os.sysconf("SC_CLK_TCK")


def sample():
    threads = {}
    for task in glob.glob("/proc/%d/task/*" % child.pid):
        try:
            with open(task + "/comm") as f:
                name = re.sub(r"[-#\d]+$", "", f.read().strip())
            with open(task + "/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(task + "/status") as f:
                status = f.read()
        except OSError:
            continue
        voluntary = int(re.search(r"^voluntary_ctxt_switches:\s+(\d+)", status, re.M).group(1))
        involuntary = int(re.search(r"^nonvoluntary_ctxt_switches:\s+(\d+)", status, re.M).group(1))
        threads[task] = (name, int(fields[11]) + int(fields[12]), voluntary, involuntary)
    return threads




def pin(prefix):
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        sys.exit("thread-cpu: --pin needs at least two CPUs")
    for task in glob.glob("/proc/%d/task/*" % child.pid):
        try:
            with open(task + "/comm") as f:
                name = f.read().strip()
            if name.startswith(prefix[:15]):
                os.sched_setaffinity(int(os.path.basename(task)), {cpus[-1]})
            elif name.startswith("arbiter-"):
                os.sched_setaffinity(int(os.path.basename(task)), {cpus[0]})
        except OSError:
            continue
    print("thread-cpu: pinned %s to CPU %d, the other arbiter-* threads to CPU %d" % (prefix, cpus[-1], cpus[0]),
          file=sys.stderr)


samples = []
started = time.time()
pinned = options.pin is None
while child.poll() is None:
    if not pinned and time.time() - started >= options.pin_at:
        pinned = True
        pin(options.pin)
    taken = sample()
    if taken:
        samples.append((time.time(), taken))
    time.sleep(0.5)


def total(entry):
    return sum(values[1] for values in entry[1].values())


best = None
if options.start is not None:
    begin = next((i for i in range(len(samples)) if samples[i][0] >= samples[0][0] + options.start), None)
    stop = None if begin is None else next(
        (i for i in range(begin, len(samples)) if samples[i][0] >= samples[begin][0] + options.window), None)
    if stop is None:
        sys.exit("thread-cpu: the run ended before --from + --window")
    best = (0, begin, stop)
for end in range(len(samples) if best is None else 0):
    start = next(i for i in range(len(samples)) if samples[i][0] >= samples[end][0] - options.window)
    seconds = samples[end][0] - samples[start][0]
    if seconds < options.window * 0.8:
        continue
    rate = (total(samples[end]) - total(samples[start])) / seconds
    if best is None or rate > best[0]:
        best = (rate, start, end)
if best is None:
    sys.exit("thread-cpu: the run was shorter than the window")
first, last = samples[best[1]], samples[best[2]]
seconds = last[0] - first[0]
by_name = {}
for task, (name, cpu, voluntary, involuntary) in last[1].items():
    before = first[1].get(task, (name, 0, 0, 0))
    sums = by_name.setdefault(name, [0, 0, 0])
    sums[0] += cpu - before[1]
    sums[1] += voluntary - before[2]
    sums[2] += involuntary - before[3]
print(("%.1f s from %.1f s" % (seconds, first[0] - samples[0][0]) if options.start is not None else
       "busiest %.1f s" % seconds) + " of the run (exit code %d)" % child.returncode)
print("%-24s %8s %14s %14s" % ("thread", "cores", "voluntary/s", "involuntary/s"))
for name, (cpu, voluntary, involuntary) in sorted(by_name.items(), key=lambda item: -item[1][0]):
    if cpu > 0 or voluntary > 50 * seconds:
        print("%-24s %8.2f %14.0f %14.0f" % (name, cpu / ticks / seconds, voluntary / seconds, involuntary / seconds))
