#!/usr/bin/env bash
# Does the README's test command pass on a busy machine? Clones this repository (the committed HEAD) into a
# temporary directory, starts two CPU-bound burners (`yes > /dev/null`), runs the test command N times in the clone,
# prints each run's result and duration and a final "N passed, M failed" line. Exits non-zero if any run failed.
# The burners and the clone are removed on any exit (including Ctrl-C); the logs are kept.
set -euo pipefail

usage()
{
    cat <<'EOF'
Usage: scripts/test-busy.sh [--runs N] [--keep-clone] [--help] [-- MAVEN ARGUMENTS]

Runs the README's test command (mvn -B verify) N times (default 3) in a fresh clone of HEAD while two
CPU-bound processes (yes > /dev/null) run beside it, and reports how many runs passed.

  --runs N       number of runs (default 3)
  --keep-clone   keep the temporary clone after the runs (its path is printed)
  --help         this text
  -- ARGS        replace the Maven arguments (default: -B verify), e.g. -- -B -o verify

Logs: target/test-busy/run-<i>.log in this checkout (kept after the script ends).
Commit first: the clone sees only committed work.
EOF
}

runs=3
keep_clone=false
mvn_args=(-B verify)
while [[ $# -gt 0 ]]
do
    case "$1" in
        --runs)
            [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || { echo "test-busy: --runs needs a positive number" >&2; exit 2; }
            runs="$2"
            shift 2
            ;;
        --keep-clone)
            keep_clone=true
            shift
            ;;
        --help|-h)
            usage
            exit 0
            ;;
        --)
            shift
            [[ $# -gt 0 ]] || { echo "test-busy: no Maven arguments after --" >&2; exit 2; }
            mvn_args=("$@")
            break
            ;;
        *)
            echo "test-busy: unknown argument '$1' (see --help)" >&2
            exit 2
            ;;
    esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log_dir="$root/target/test-busy"
mkdir -p "$log_dir"
work="$(mktemp -d "${TMPDIR:-/tmp}/arbiter-test-busy.XXXXXX")"
burners=()

cleanup()
{
    local pid
    for pid in "${burners[@]}"
    do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${burners[@]}"
    do
        wait "$pid" 2>/dev/null || true
    done
    if [[ "$keep_clone" == true ]]
    then
        echo "test-busy: clone kept in $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

git clone --quiet --no-hardlinks "$root" "$work/arbiter"
echo "test-busy: clone of $(git -C "$work/arbiter" rev-parse --short HEAD) in $work/arbiter"

for _ in 1 2
do
    yes > /dev/null &
    burners+=("$!")
done
echo "test-busy: burners running (pids ${burners[*]}); command: mvn ${mvn_args[*]}; $runs run(s)"

passed=0
failed=0
for ((i = 1; i <= runs; i++))
do
    log="$log_dir/run-$i.log"
    start=$(date +%s)
    if (cd "$work/arbiter" && mvn "${mvn_args[@]}") > "$log" 2>&1
    then
        result=passed
        passed=$((passed + 1))
    else
        result=FAILED
        failed=$((failed + 1))
    fi
    seconds=$(( $(date +%s) - start ))
    printf 'run %d: %s in %dm%02ds (log %s)\n' "$i" "$result" $((seconds / 60)) $((seconds % 60)) "$log"
    if [[ "$result" == FAILED ]]
    then
        grep -E 'Tests run:.*(Failures: [1-9]|Errors: [1-9])|<<< FAIL|ERROR\]' "$log" | head -n 20 || true
    fi
done

echo "$passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
