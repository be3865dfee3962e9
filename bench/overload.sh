#!/usr/bin/env bash
# overload.sh: `./surge bench overload`. The reference service under attack and overload, alone
# on one pinned CPU with the load on another, in four scenarios (see bench/overload/):
#   slowloris  good clients' throughput alone and beside thousands of connections whose heads
#              never end, in alternating rounds: the ratio;
#   overload   an open loop at twice the route's closed-loop peak: goodput, the p99 of what was
#              served, what was refused and how, OutOfMemoryError;
#   sigterm    SIGTERM during a closed-loop load: requests lost, the exit status and time;
#   memory     more connections than a small heap holds: the memory guard keeps it alive.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RESULTS="$HERE/results"
# shellcheck source=overload/common.sh
source "$HERE/overload/common.sh"
# shellcheck source=overload/slowloris.sh
source "$HERE/overload/slowloris.sh"
# shellcheck source=overload/openloop.sh
source "$HERE/overload/openloop.sh"
# shellcheck source=overload/sigterm.sh
source "$HERE/overload/sigterm.sh"
# shellcheck source=overload/memory.sh
source "$HERE/overload/memory.sh"

usage() {
  cat <<'TXT'
Usage: ./surge bench overload [FLAGS]

Runs the reference service (surge run) pinned to one CPU, with one event loop, and attacks or
overloads it from another CPU, scenario by scenario:

  slowloris  good clients (surge load, closed loop, keep-alive, /plaintext) alone, then beside
             10,000 slowloris connections (each sends a request line, then one header byte
             every 5 s, never finishing; replaced when the server closes it), rounds
             alternating; target: the good clients keep >= 90 % of their requests/s. The
             attack shares the load CPU: its CPU use is shown, and the server's CPU per good
             request alone over with it (the server's own share of the slowdown).
  overload   per route (/delay/5, a virtual thread that sleeps 5 ms; /json, inline): the
             closed-loop peak 2xx/s, then an open loop (surge load -R) at twice that for 20 s;
             target: goodput >= 90 % of the peak, p99 of the 2xx responses <= 10 ms, no status
             but 2xx and 503, no errors, no OutOfMemoryError in the server's log.
  sigterm    a 30 s closed loop (64 connections, /delay/5), SIGTERM to the server at 10 s;
             target: no request lost on a connection the server had been serving (refused new
             connections do not count), exit status 0 within the grace period.
  memory     a fresh server with a 48 MiB heap, 15,000 slowloris connections (more than it
             holds) beside 16 good keep-alive connections for 30 s; target: the server lives, no
             OutOfMemoryError, the good connections get only 200 and 503 (the memory guard
             sheds) and no error, and a new connection is served 200 within 30 s of the end.

Each scenario reports requests/s, p50/p99 and the server's CPU µs per request (/proc/PID/stat).
Results: a table on stdout, and bench/results/overload-<UTC time>.{json,md} (and
overload-latest.* after a full run of all four scenarios without --quick).

Flags:
  --scenarios LIST           from slowloris, overload, sigterm, memory (default: all four)
  --rounds N                 rounds of each scenario (default 3, --quick 1)
  --server-args "ARGS"       flags for `surge run`, e.g. "--header-timeout 10s --max-connections 12000"
  --quick                    one short round of each scenario (a smoke test)
  --lock FILE                hold FILE (flock -x) during each scenario round, e.g. /tmp/surge-cpu.lock
  --port N                   the server's port (default 18200)
  --server-cpu N             the server's CPU (default 0)
  --load-cpus LIST           the load generators' CPUs, as taskset takes them (default 1)
  --load-threads N           surge load's event loops (default 1)
 slowloris:
  --duration SECONDS         each measured good-client run (default 10, --quick 5)
  --good-connections N       good clients' connections (default 64)
  --slowloris-connections N  attacking connections (default 10000)
  --slowloris-rate N         most attacking connections opened a second (default 2000)
  --slowloris-interval S     seconds between an attacking connection's bytes (default 5)
  --slowloris-warmup S       seconds of the attack beside the good clients before the first
                             measured round, so that the server has compiled the attack's
                             paths (the 408s, closes, reconnections); 0 for none (default 20,
                             --quick 0)
 overload:
  --routes LIST              routes to overload (default /delay/5,/json)
  --factor X                 the open loop's rate over the closed-loop peak (default 2)
  --peak-connections LIST    closed loops for the peak, by connections; the best counts (default 256,1000)
  --peak-seconds N           each closed-loop run for the peak, after 3 s of warm-up (default 5)
  --open-connections N       open-loop connections (default 1000)
  --overload-seconds N       open-loop run (default 20, --quick 8)
 sigterm:
  --sigterm-path PATH        the route loaded (default /delay/5)
  --sigterm-connections N    closed-loop connections (default 64)
  --sigterm-seconds N        the load's length (default 30, --quick 15)
  --sigterm-at N             seconds into the load when SIGTERM is sent (default 10, --quick 5)
  --grace N                  seconds the server has to exit before it is killed (default 30)
 memory (with --slowloris-rate and --slowloris-interval):
  --memory-heap SIZE         the server's -Xmx (default 48m)
  --memory-connections N     attacking connections (default 15000)
  --memory-seconds N         the attack's length (default 30, --quick 15)
  -h, --help                 this text

JAVA_OPTS goes to the server's JVM, LOAD_JAVA_OPTS to surge load's. Needs taskset, curl, jq.
TXT
}

BENCH_CMD=overload
# shellcheck source=peers/flags.sh
source "$HERE/peers/flags.sh"

ALL_SCENARIOS=(slowloris overload sigterm memory)
SCENARIOS=("${ALL_SCENARIOS[@]}")
SERVER_ARGS=() SERVER_ARGS_TEXT='' LOCK=''
PORT=18200 SERVER_CPU=0 LOAD_CPUS=1 LOAD_THREADS=1
ROUNDS='' DURATION='' OVERLOAD_SECONDS='' TERM_SECONDS='' TERM_AT=''
GOOD_CONNECTIONS=64 SL_CONNECTIONS=10000 SL_RATE=2000 SL_INTERVAL=5 SL_WARMUP=''
ROUTES=(/delay/5 /json) FACTOR=2 PEAK_CONNECTIONS=(256 1000) PEAK_SECONDS=5 OPEN_CONNECTIONS=1000
TERM_PATH=/delay/5 TERM_CONNECTIONS=64 GRACE=30
MEMORY_HEAP=48m MEMORY_CONNECTIONS=15000 MEMORY_SECONDS=''
take_flag() { # flag value
  local s r c
  case $1 in
    --scenarios)
      IFS=, read -r -a SCENARIOS <<<"$2"
      ((${#SCENARIOS[@]} > 0)) || die_usage "--scenarios wants a list from ${ALL_SCENARIOS[*]}"
      for s in "${SCENARIOS[@]}"; do
        [[ " ${ALL_SCENARIOS[*]} " == *" $s "* ]] || die_usage "unknown scenario '$s' (choose from ${ALL_SCENARIOS[*]})"
      done
      ;;
    --rounds) ROUNDS=$(bounded "$1" "$2" 1 20) ;;
    --server-args) SERVER_ARGS_TEXT=$2; read -r -a SERVER_ARGS <<<"$2" ;;
    --lock) LOCK=$2; touch "$LOCK" 2>/dev/null || die_usage "--lock: cannot open $LOCK" ;;
    --port) PORT=$(bounded "$1" "$2" 1024 65000) ;;
    --server-cpu) SERVER_CPU=$(bounded "$1" "$2" 0 4095) ;;
    --load-cpus) [[ $2 =~ ^[0-9]+([-,][0-9]+)*$ ]] || die_usage "--load-cpus wants CPUs as taskset takes them (1, 1-3, 1,3), not '$2'"
                 LOAD_CPUS=$2 ;;
    --load-threads) LOAD_THREADS=$(bounded "$1" "$2" 1 64) ;;
    --duration) DURATION=$(bounded "$1" "$2" 1 600) ;;
    --good-connections) GOOD_CONNECTIONS=$(bounded "$1" "$2" 1 10000) ;;
    --slowloris-connections) SL_CONNECTIONS=$(bounded "$1" "$2" 1 100000) ;;
    --slowloris-rate) SL_RATE=$(bounded "$1" "$2" 1 100000) ;;
    --slowloris-interval) SL_INTERVAL=$(positive "$1" "$2") ;;
    --slowloris-warmup) SL_WARMUP=$(bounded "$1" "$2" 0 600) ;;
    --routes)
      IFS=, read -r -a ROUTES <<<"$2"
      for r in "${ROUTES[@]}"; do [[ $r == /* ]] || die_usage "--routes wants paths that start with '/', not '$r'"; done
      ;;
    --factor) FACTOR=$(positive "$1" "$2") ;;
    --peak-connections)
      IFS=, read -r -a PEAK_CONNECTIONS <<<"$2"
      ((${#PEAK_CONNECTIONS[@]} > 0)) || die_usage "--peak-connections wants a list of connection counts"
      for c in "${PEAK_CONNECTIONS[@]}"; do bounded "$1" "$c" 1 15000 >/dev/null; done
      ;;
    --peak-seconds) PEAK_SECONDS=$(bounded "$1" "$2" 1 600) ;;
    --open-connections) OPEN_CONNECTIONS=$(bounded "$1" "$2" 1 15000) ;;
    --overload-seconds) OVERLOAD_SECONDS=$(bounded "$1" "$2" 1 600) ;;
    --sigterm-path) [[ $2 == /* ]] || die_usage "--sigterm-path wants a path that starts with '/', not '$2'"; TERM_PATH=$2 ;;
    --sigterm-connections) TERM_CONNECTIONS=$(bounded "$1" "$2" 1 10000) ;;
    --sigterm-seconds) TERM_SECONDS=$(bounded "$1" "$2" 2 600) ;;
    --sigterm-at) TERM_AT=$(bounded "$1" "$2" 1 600) ;;
    --grace) GRACE=$(bounded "$1" "$2" 1 600) ;;
    --memory-heap) [[ $2 =~ ^[0-9]+[mMgG]$ ]] || die_usage "--memory-heap wants a heap size as -Xmx takes it (48m, 1g), not '$2'"
                  MEMORY_HEAP=$2 ;;
    --memory-connections) MEMORY_CONNECTIONS=$(bounded "$1" "$2" 1 100000) ;;
    --memory-seconds) MEMORY_SECONDS=$(bounded "$1" "$2" 5 600) ;;
    *) die_usage "unknown flag '$1'" ;;
  esac
}
parse_flags "$@"
if quick; then
  ROUNDS=${ROUNDS:-1} DURATION=${DURATION:-5} SL_WARMUP=${SL_WARMUP:-0} OVERLOAD_SECONDS=${OVERLOAD_SECONDS:-8} TERM_SECONDS=${TERM_SECONDS:-15} TERM_AT=${TERM_AT:-5} MEMORY_SECONDS=${MEMORY_SECONDS:-15}
else
  ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-10} SL_WARMUP=${SL_WARMUP:-20} OVERLOAD_SECONDS=${OVERLOAD_SECONDS:-20} TERM_SECONDS=${TERM_SECONDS:-30} TERM_AT=${TERM_AT:-10} MEMORY_SECONDS=${MEMORY_SECONDS:-30}
fi
((TERM_AT < TERM_SECONDS)) || die_usage "--sigterm-at ($TERM_AT) must come before the end of the load (--sigterm-seconds $TERM_SECONDS)"
if [[ -z ${SURGE_JDK:-} || -z ${SURGE_APP_ARGS:-} || -z ${SURGE_LOAD_ARGS:-} || -z ${SURGE_BENCH_CP:-} ]]; then
  echo "overload: run this as './surge bench overload' (it needs SURGE_JDK and the launch files and class path it sets)." >&2
  exit 1
fi
for tool in taskset curl jq; do
  command -v "$tool" >/dev/null || { echo "overload: $tool is missing; install it (apt-get install $tool) and run again." >&2; exit 1; }
done
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && { echo "overload: port $PORT is in use; choose another with --port." >&2; exit 1; }
# Each connection is a file, in the slowloris client and the server alike.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if (($(ulimit -n) < SL_CONNECTIONS + 500)) && [[ " ${SCENARIOS[*]} " == *" slowloris "* ]]; then
  echo "overload: $SL_CONNECTIONS slowloris connections need an open-file limit above $((SL_CONNECTIONS + 500)); it is $(ulimit -n) (raise the hard limit, or ask for fewer)." >&2
  exit 1
fi
if (($(ulimit -n) < MEMORY_CONNECTIONS + 500)) && [[ " ${SCENARIOS[*]} " == *" memory "* ]]; then
  echo "overload: $MEMORY_CONNECTIONS connections of the memory scenario need an open-file limit above $((MEMORY_CONNECTIONS + 500)); it is $(ulimit -n) (raise the hard limit, or ask for fewer with --memory-connections)." >&2
  exit 1
fi
LOAD_CPU_COUNT=$(taskset -c "$LOAD_CPUS" nproc)
CLK_TCK=$(getconf CLK_TCK)

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN="$HERE/build/overload/run-$STAMP"
mkdir -p "$RUN" "$RESULTS"
cleanup() { stop_slowloris; stop_server; lock_give; }
trap 'cleanup; exit 130' INT TERM

for scenario in "${SCENARIOS[@]}"; do
  "scenario_$scenario" || say "$scenario: did not finish; see $RUN"
done
trap - INT TERM

jq -n --arg ts "$STAMP" --argjson rounds "$ROUNDS" --arg args "$SERVER_ARGS_TEXT" --arg scen "${SCENARIOS[*]}" \
  --argjson scpu "$SERVER_CPU" --arg lcpus "$LOAD_CPUS" --argjson lthreads "$LOAD_THREADS" --argjson dur "$DURATION" \
  --argjson good "$GOOD_CONNECTIONS" --argjson slc "$SL_CONNECTIONS" --argjson slr "$SL_RATE" --arg sli "$SL_INTERVAL" --argjson slw "$SL_WARMUP" \
  --arg routes "${ROUTES[*]}" --arg factor "$FACTOR" --arg pc "${PEAK_CONNECTIONS[*]}" --argjson ps "$PEAK_SECONDS" \
  --argjson oc "$OPEN_CONNECTIONS" --argjson os "$OVERLOAD_SECONDS" --arg tp "$TERM_PATH" --argjson tc "$TERM_CONNECTIONS" \
  --argjson tsec "$TERM_SECONDS" --argjson tat "$TERM_AT" --argjson grace "$GRACE" --arg jopts "${JAVA_OPTS:-}" --argjson quick "$QUICK" \
  --arg fheap "$MEMORY_HEAP" --argjson fconn "$MEMORY_CONNECTIONS" --argjson fsec "$MEMORY_SECONDS" '
  {timestamp: $ts, scenarios: ($scen | split(" ")), rounds: $rounds, quick: ($quick == 1), server_args: $args,
   java_opts: $jopts, server_cpu: $scpu, load_cpus: $lcpus, load_threads: $lthreads, duration_s: $dur,
   good_connections: $good,
   slowloris: {connections: $slc, rate: $slr, interval_s: ($sli | tonumber), warmup_s: $slw},
   overload: {routes: ($routes | split(" ")), factor: ($factor | tonumber), peak_connections: ($pc | split(" ") | map(tonumber)), peak_seconds: $ps,
              open_connections: $oc, seconds: $os},
   sigterm: {path: $tp, connections: $tc, seconds: $tsec, at_s: $tat, grace_s: $grace},
   memory: {heap: $fheap, connections: $fconn, seconds: $fsec, rate: $slr, interval_s: ($sli | tonumber)}}' >"$RUN/parameters.json"
jq -n --arg commit "$(git -C "$HERE/.." rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  --arg dirty "$(git -C "$HERE/.." status --porcelain --untracked-files=no 2>/dev/null | head -c1)" \
  --arg cpu "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" --arg kernel "$(uname -r)" \
  --arg jdk "$("$SURGE_JDK/bin/java" -version 2>&1 | head -n1)" --argjson cpus "$(nproc)" \
  '{commit: ($commit + (if $dirty != "" then "+changes" else "" end)), cpu: $cpu, cpus: $cpus, kernel: $kernel, jdk: $jdk}' >"$RUN/machine.json"

# The scenarios' samples ($RUN/*.jsonl) folded into one results file and its Markdown: medians
# over rounds and the verdicts against the targets, in surge-bench.
OUT="$RESULTS/overload-$STAMP"
"$SURGE_JDK/bin/java" -cp "$SURGE_BENCH_CP" dev.surge.bench.overload.OverloadReportCommand --run "$RUN" \
  --json "$OUT.json" --markdown "$OUT.md"
if ! quick && ((${#SCENARIOS[@]} == ${#ALL_SCENARIOS[@]})); then
  cp "$OUT.json" "$RESULTS/overload-latest.json"
  cp "$OUT.md" "$RESULTS/overload-latest.md"
fi
cat "$OUT.md"
say "results in ${OUT#"${SURGE_ROOT:-}/"}.{json,md}; every run's own reports and logs in ${RUN#"${SURGE_ROOT:-}/"}"
