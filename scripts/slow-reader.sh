#!/usr/bin/env bash
# The slow-reader attack of issue #13, measured: starts `./arbiter server` on loopback with a temporary data dir,
# samples its memory, runs `./arbiter bench slow-reader` against it (clients that log on, send orders the gateway
# rejects as fast as they can and never read), samples again and prints one summary: bytes sent, the server's RSS
# before / peak / after, direct memory before / peak / after, slow-consumer closes and the configured per-session
# limit (socket.writeBufferHighWaterMark + 64 KiB unsent, docs/protocol.md "Slow consumers"; servers before the
# growing report queue: + session.egressBufferBytes).
#
# Usage: scripts/slow-reader.sh [--seconds N] [--connections N] [--rounds N] [--port P] [--admin-port P]
#                               [--server-cmd PATH] [-- SERVER_OPTION...]
#   --seconds N        how long the attacker writes at most (default 20)
#   --connections N    attacking connections, all logged on as demo1 (default 1)
#   --rounds N         run the attack N times against the same server, sampling memory after each (default 1);
#                      after each round's sample the script forces a full GC (jcmd GC.run) and samples direct memory
#                      again: what the closed sessions hold until the next GC versus what the server keeps
#   --port P           order port of the server (default 17001); --admin-port P its admin port (default 17002)
#   --server-cmd PATH  the arbiter launcher that runs the server (default ./arbiter), e.g. that of an older checkout
#                      to measure a version before the fix; the attacker is always this checkout's ./arbiter
#   after --           further options for `arbiter server`, e.g. -- --session-egress-buffer-bytes 4096
# Builds nothing itself: ./arbiter builds the jar when it is missing or stale. Loopback only; every wait is bounded.
# "after" is round 1's sample, before the forced GC.
# Memory: RSS is VmRSS of /proc/PID/status (peak: sampled every 0.5 s during the attack, and VmHWM, the kernel's
# high-water mark since the process started); direct memory is jvm_buffer_pool_used_bytes{pool="direct"} on
# /metrics (the JVM's direct buffers, which is where Netty's buffers live unless it is told to bypass the JDK).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=20
connections=1
rounds=1
port=17001
admin_port=17002
server_cmd=./arbiter
server_opts=()
while [[ $# -gt 0 ]]
do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        --admin-port) admin_port="$2"; shift 2 ;;
        --) shift; server_opts=("$@"); break ;;
        --server-cmd) server_cmd="$2"; shift 2 ;;
        -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "slow-reader.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

admin="http://127.0.0.1:$admin_port"
work="$(mktemp -d -t arbiter-slow-reader.XXXXXX)"
server_pid=""
sampler_pid=""

cleanup()
{
    local rc=$?
    if [[ "$rc" -ne 0 && -f "$work/server.log" ]]
    then
        echo "slow-reader.sh: failed (exit $rc); the server's last output:" >&2
        tail -n 40 "$work/server.log" >&2
    fi
    if [[ -n "$sampler_pid" ]]
    then
        kill "$sampler_pid" 2>/dev/null || true
    fi
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null
    then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 100)
        do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

rss_kb()
{
    awk '/^VmRSS:/ { print $2 }' "/proc/$server_pid/status"
}

hwm_kb()
{
    awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status"
}

# One sample of a metric from /metrics (first series whose name and labels start with $1), or "?" if absent.
metric()
{
    local page
    page="$(curl -sf --max-time 5 "$admin/metrics" 2>/dev/null || true)"
    awk -v name="$1" '
        !found && index($0, name) == 1 && substr($0, length(name) + 1, 1) ~ /[ {]/ { print $NF; found = 1 }
        END { if (!found) print "?" }' <<< "$page"
}

direct_bytes()
{
    metric 'jvm_buffer_pool_used_bytes{pool="direct"}'
}

count()
{
    awk -v v="$1" 'BEGIN { if (v == "?") print "?"; else printf "%d", v }'
}

mb()
{
    awk -v v="$1" 'BEGIN { if (v == "?") print "?"; else printf "%.1f", v / 1048576 }'
}

# Build when needed (./arbiter does), outside the timed part.
./arbiter --version > /dev/null
"$server_cmd" --version > /dev/null

server_args=(server --bind-address 127.0.0.1 --port "$port" --admin-port "$admin_port" --data-dir "$work/data"
    "${server_opts[@]}")
# The effective settings; "?" below when the server is too old to print them.
config="$("$server_cmd" "${server_args[@]}" --print-config 2>/dev/null || true)"
setting()
{
    awk -F= -v key="$1" '$1 == key { print $2 }' <<< "$config"
}
high_water="$(setting socket.writeBufferHighWaterMark)"
egress="$(setting session.egressBufferBytes)"
node_egress="$(setting session.egressNodeBufferBytes)"
if [[ -n "$high_water" && -n "$egress" ]]
then
    if [[ -n "$node_egress" ]]
    then
        # since the growing report queue: the connection may hold the high water mark + 64 KiB unsent; the report
        # queue (up to session.egressBufferBytes) is not used by this attack, the gateway answers it itself
        limit=$((high_water + 65536))
        limit_text="socket.writeBufferHighWaterMark $high_water + 64 KiB; the report queue, up to"
        limit_text="$limit_text session.egressBufferBytes $egress, holds nothing in this attack"
    else
        limit=$((high_water + egress))
        limit_text="socket.writeBufferHighWaterMark $high_water + session.egressBufferBytes $egress"
    fi
    limit_all="$((limit * connections)) bytes ($(mb $((limit * connections))) MB)"
else
    limit_text="?"
    high_water="?"
    egress="?"
    limit="?"
    limit_all="?"
fi

"$server_cmd" "${server_args[@]}" > "$work/server.log" 2>&1 &
server_pid=$!

ready=""
for _ in $(seq 1 600)
do
    if ! kill -0 "$server_pid" 2>/dev/null
    then
        break
    fi
    if curl -sf --max-time 2 "$admin/ready" > /dev/null 2>&1
    then
        ready=1
        break
    fi
    sleep 0.1
done
if [[ -z "$ready" ]]
then
    echo "slow-reader.sh: the server did not become ready on $admin/ready within 60 s; its output:" >&2
    tail -n 40 "$work/server.log" >&2
    exit 1
fi

sleep 1
rss_before="$(rss_kb)"
direct_before="$(direct_bytes)"

# Peak RSS and direct memory during the attack, sampled every 0.5 s into $work/peak.
(
    peak_rss=0
    peak_direct=0
    while kill -0 "$server_pid" 2>/dev/null
    do
        rss="$(rss_kb || echo 0)"
        direct="$(direct_bytes || echo '?')"
        (( rss > peak_rss )) && peak_rss=$rss
        if [[ "$direct" =~ ^[0-9.E+-]+$ ]]
        then
            peak_direct="$(awk -v a="$direct" -v b="$peak_direct" 'BEGIN { printf "%.0f", (a > b) ? a : b }')"
        fi
        echo "$peak_rss $peak_direct" > "$work/peak.tmp" && mv "$work/peak.tmp" "$work/peak"
        sleep 0.5
    done
) &
sampler_pid=$!

started_utc="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
attack_rc=0
rounds_report=""
for round in $(seq 1 "$rounds")
do
    timeout $((seconds + 60)) ./arbiter bench slow-reader --host 127.0.0.1 --port "$port" --account demo1 \
        --secret demo1-secret --seconds "$seconds" --connections "$connections" | tee "$work/attack-$round.txt" \
        || attack_rc=$?
    # Let the server close what it still holds (a session it stopped reading is closed after session.idleTimeoutMs).
    for _ in $(seq 1 150)
    do
        awk -v v="$(metric arbiter_connections_open)" 'BEGIN { exit !(v != "?" && v + 0 == 0) }' && break
        sleep 0.1
    done
    sleep 1
    if ! kill -0 "$server_pid" 2>/dev/null
    then
        echo "slow-reader.sh: the server is gone after round $round of the attack" >&2
        exit 1
    fi
    round_rss="$(rss_kb)"
    round_direct="$(direct_bytes)"
    if [[ "$round" -eq 1 ]]
    then
        rss_after="$round_rss"
        direct_after="$round_direct"
    fi
    # Direct buffers made with ByteBuffer.allocateDirect are freed only when their owner is collected: a full GC
    # tells memory the closed sessions still hold until the next GC from memory that is really kept.
    jcmd "$server_pid" GC.run > /dev/null 2>&1 || true
    sleep 1
    rounds_report+="$(printf '\n  round %d: sent %s MB; after it RSS %s MB, direct %s MB; after a full GC direct %s MB' \
        "$round" "$(mb "$(awk -F': ' '$1 == "bytes sent" { print $2 }' "$work/attack-$round.txt")")" \
        "$(mb $((round_rss * 1024)))" "$(mb "$round_direct")" "$(mb "$(direct_bytes)")")"
done
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""

rss_hwm="$(hwm_kb)"
read -r rss_peak direct_peak < "$work/peak" || { rss_peak=0; direct_peak=0; }
slow_consumer="$(metric arbiter_sessions_slow_consumer_total)"
connections_open="$(metric arbiter_connections_open)"

field()
{
    awk -F': ' -v key="$1" '$1 == key { print $2 }' "$work/attack-1.txt"
}

echo
echo "== slow-reader attack (#13): $started_utc, ${seconds} s, $connections connection(s), $rounds round(s) =="
echo "server:                  $server_cmd ${server_args[*]}"
echo "per-session limit:       $limit bytes ($limit_text)"
echo "limit x connections:     $limit_all"
echo "bytes sent (round 1):    $(field 'bytes sent') ($(mb "$(field 'bytes sent')") MB, $(field 'orders sent') orders, ran $(field 'ran s') s)"
echo "closed (round 1):        $(field 'closed by server') (first after $(field 'first close s') s, last after $(field 'last close s') s)"
echo "slow-consumer closes:    $(count "$slow_consumer") (arbiter_sessions_slow_consumer_total)"
echo "connections open after:  $(count "$connections_open")"
echo "RSS before/peak/after:   $(mb $((rss_before * 1024))) / $(mb $((rss_peak * 1024))) / $(mb $((rss_after * 1024))) MB (VmHWM $(mb $((rss_hwm * 1024))) MB)"
echo "direct before/peak/after: $(mb "$direct_before") / $(mb "$direct_peak") / $(mb "$direct_after") MB (jvm_buffer_pool_used_bytes{pool=\"direct\"})"
echo "per round (then jcmd GC.run):$rounds_report"
if [[ "$attack_rc" -ne 0 ]]
then
    echo "slow-reader.sh: the attacker exited with $attack_rc" >&2
    exit 1
fi
