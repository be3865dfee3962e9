#!/usr/bin/env bash
# peers.sh: `./surge bench peers`. Serves GET /plaintext from Surge and from peer servers, one
# at a time, each pinned to one CPU with wrk pinned to another, and compares requests/s,
# latency and, above all, the server's CPU time per request: on a loaded wrk that number is
# what the server costs, whatever the load generator's own ceiling.
#
# On a shared machine one run of a server varies by tens of percent, and whoever runs while a
# neighbour is busy looks worse. So every server is measured in several rounds, the order
# rotating from round to round, and the report gives the median of the rounds.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PEERS="$HERE/peers"
BUILD="$HERE/build"
RESULTS="$HERE/results"
# shellcheck source=peers/servers.sh
source "$PEERS/servers.sh"
# shellcheck source=peers/measure.sh
source "$PEERS/measure.sh"
# shellcheck source=peers/report.sh
source "$PEERS/report.sh"

usage() {
  cat <<'TXT'
Usage: ./surge bench peers [FLAGS]

Runs each server alone on one CPU, loads it with wrk on another (keep-alive, then pipelined;
--modes close adds a connection per request), and prints requests/s, p50/p99 latency and
server CPU µs per request (total, user and system), with ratios to Surge. Every server is
measured once per round; the order rotates from round to round, and the report gives the
median of the rounds, with the lowest and highest CPU µs per request beside it. Results,
every round's samples included, are also written to bench/results/peers-<UTC time>.{json,md}
and peers-latest.{json,md}.

Flags:
  --servers LIST       comma-separated, from: surge,netty,gin,fasthttp,nginx,c-loop, and Surge's
                       route variants surge-vt (/plaintext/vt, a virtual-thread route) and
                       surge-json (/json), and surge-nometrics, surge-json-nometrics (the same
                       with --no-metrics --admin-port 0) (default: the six peers; for `bench
                       routes`: surge, surge-vt, surge-json; for `bench metrics`: surge and
                       surge-json, each with and without metrics)
  --rounds N           rounds; each measures every server once (default 3, --quick 1)
  --connections N      wrk connections (default 64)
  --duration SECONDS   measured run per server, mode and round (default 10, --quick 3)
  --warmup SECONDS     warm-up before each measured run, as two wrk runs so connection
                       teardown is warmed up too (default 5, --quick 1)
  --pipeline DEPTH     requests per pipelined batch (default 16)
  --modes LIST         comma-separated, from: keepalive, pipelined, close (a new connection per
                       request: wrk sends Connection: close, and each server must answer with
                       it and close; accept, the request and the close are what is measured)
                       (default: keepalive,pipelined)
  --server-cpu N       CPU the server is pinned to (default 0)
  --load-cpu N         CPU the load generator is pinned to (default 1)
  --load wrk|surge     the load generator: wrk (default), or `surge load` (one thread, per-request
                       latency; it loads SURGE_LOAD_WARMUP seconds, default 2, unmeasured first
                       for its JIT, and reads the server's CPU time over its measured window)
  --base-port N        servers listen on 127.0.0.1:N.. N+9, Surge's admin listener 1000
                       above its server (default 18080)
  --quick              a smoke test: one short round; --rounds, --duration, --warmup still win
  -h, --help           this text

A full run takes about rounds × servers × 2 × (warmup + duration) seconds: 3 rounds of all six
servers at the defaults is about 9 minutes.

JAVA_OPTS is passed to both JVM servers (surge and netty). Missing tools (wrk, nginx, Go and the
gin/fasthttp libraries, gcc) are installed with apt-get when run as root.
TXT
}

BENCH_CMD=peers
# shellcheck source=peers/flags.sh
source "$PEERS/flags.sh"

# `./surge bench routes` runs this script with BENCH_KIND=routes: Surge's route variants;
# `./surge bench metrics` with BENCH_KIND=metrics: Surge with and without metrics, alternating.
BENCH_KIND=${BENCH_KIND:-peers}
case $BENCH_KIND in
  routes) SERVERS=(surge surge-vt surge-json) ;;
  metrics) SERVERS=(surge-nometrics surge surge-json-nometrics surge-json) ;;
  *) SERVERS=(surge netty gin fasthttp nginx c-loop) ;;
esac
CONNECTIONS=64 DEPTH=16 SERVER_CPU=0 LOAD_CPU=1 BASE_PORT=18080 LOAD=wrk
# Empty until a flag sets them, so that --quick fills in only what was not given.
ROUNDS='' DURATION='' WARMUP=''
take_flag() { # flag value
  case $1 in
    --servers) IFS=, read -r -a SERVERS <<<"$2" ;;
    --modes) IFS=, read -r -a MODES <<<"$2" ;;
    --rounds) ROUNDS=$(bounded "$1" "$2" 1 99) ;;
    --connections) CONNECTIONS=$(bounded "$1" "$2" 1 10000) ;;
    --duration) DURATION=$(bounded "$1" "$2" 1 600) ;;
    --warmup) WARMUP=$(bounded "$1" "$2" 0 600) ;;
    --pipeline) DEPTH=$(bounded "$1" "$2" 1 256) ;;
    --server-cpu) SERVER_CPU=$(bounded "$1" "$2" 0 4095) ;;
    --load-cpu) LOAD_CPU=$(bounded "$1" "$2" 0 4095) ;;
    --base-port) BASE_PORT=$(bounded "$1" "$2" 1024 65000) ;;
    --load)
      [[ $2 == wrk || $2 == surge ]] || die_usage "--load is wrk or surge, not '$2'"
      LOAD=$2
      ;;
    *) die_usage "unknown flag '$1'" ;;
  esac
}
parse_flags "$@"
if quick; then
  : "${ROUNDS:=1}" "${DURATION:=3}" "${WARMUP:=1}"
else
  : "${ROUNDS:=3}" "${DURATION:=10}" "${WARMUP:=5}"
fi
[[ ${#SERVERS[@]} -gt 0 ]] || die_usage "--servers is empty"
[[ ${#MODES[@]} -gt 0 ]] || die_usage "--modes is empty"
for m in "${MODES[@]}"; do
  [[ $m == keepalive || $m == pipelined || $m == close ]] || die_usage "unknown mode '$m' (known: keepalive, pipelined, close)"
  [[ $m == close && $LOAD == surge ]] && die_usage "--modes close needs --load wrk: surge load keeps its connections"
done
if [[ -z ${SURGE_JDK:-} || -z ${SURGE_BENCH_CP:-} ]]; then
  echo "peers: run this as './surge bench peers': its reports need SURGE_JDK and SURGE_BENCH_CP, which ./surge sets." >&2
  exit 1
fi
if [[ $LOAD == surge && -z ${SURGE_LOAD_ARGS:-} ]]; then
  echo "peers: --load surge needs SURGE_LOAD_ARGS, which ./surge sets: run this as './surge bench peers'." >&2
  exit 1
fi
for s in "${SERVERS[@]}"; do
  server_port "$s" >/dev/null || die_usage "unknown server '$s' (known: ${ALL_SERVERS[*]})"
done
for cpu in "$SERVER_CPU" "$LOAD_CPU"; do
  taskset -c "$cpu" true 2>/dev/null || { echo "peers: cannot pin to CPU $cpu here (allowed: $(taskset -pc $$ | sed 's/.*: //')); see --server-cpu/--load-cpu." >&2; exit 1; }
done
[[ $SERVER_CPU != "$LOAD_CPU" ]] || echo "peers: warning: server and wrk share CPU $SERVER_CPU; numbers will mix both." >&2

SERVER_PID='' WRK_PID=''
cleanup() {
  if [[ -n $WRK_PID ]]; then kill "$WRK_PID" 2>/dev/null || true; fi
  stop_server
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_missing "${SERVERS[@]}"
mkdir -p "$BUILD" "$RESULTS"
RUN="$BUILD/run"
rm -rf "$RUN" && mkdir -p "$RUN"
for s in "${SERVERS[@]}"; do build_server "$s"; done

CLK_TCK=$(getconf CLK_TCK)
SAMPLES="$RUN/samples.tsv"
: >"$SAMPLES"
count=${#SERVERS[@]}
echo "peers: $ROUNDS round(s) of ${SERVERS[*]}, about $((ROUNDS * count * ${#MODES[@]} * (WARMUP + DURATION))) s of load" >&2
# Round r starts at server r mod count, so that no server is always first (on a machine still
# settling) or always after the same neighbour.
for ((round = 1; round <= ROUNDS; round++)); do
  for ((pos = 0; pos < count; pos++)); do
    measure_server "$round" "$pos" "${SERVERS[(round - 1 + pos) % count]}"
  done
done

# Parameters and machine, as "key<TAB>value" lines for both the Markdown and the JSON. The
# servers' order in the report is that of round 1, which measures them as they were asked for.
{
  printf 'timestamp\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf 'servers\t%s\n' "$(IFS=,; echo "${SERVERS[*]}")"
  printf 'paths\t%s\n' "$(for s in "${SERVERS[@]}"; do printf '%s=%s ' "$s" "$(server_path "$s")"; done)"
  printf 'rounds\t%s\norder\trotating: round r starts at server (r-1) mod %s\n' "$ROUNDS" "$count"
  printf 'statistic\tmedian of the rounds that succeeded\n'
  printf 'connections\t%s\nwrk_threads\t1\nwarmup_s\t%s\nduration_s\t%s\n' "$CONNECTIONS" "$WARMUP" "$DURATION"
  printf 'load\t%s\n' "$LOAD"
  printf 'pipeline_depth\t%s\nserver_cpu\t%s\nload_cpu\t%s\n' "$DEPTH" "$SERVER_CPU" "$LOAD_CPU"
  printf 'modes\t%s\n' "$(IFS=,; echo "${MODES[*]}")"
  printf 'java_opts\t%s\n' "${JAVA_OPTS:-}"
} >"$RUN/parameters.tsv"
first_line() { "$@" 2>&1 | head -n1 || true; }
{
  printf 'nproc\t%s\n' "$(nproc)"
  printf 'cpu_model\t%s\n' "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
  printf 'kernel\t%s\n' "$(uname -sr)"
  printf 'clk_tck\t%s\n' "$CLK_TCK"
  printf 'java\t%s\n' "$(first_line "$SURGE_JDK/bin/java" -version)"
  printf 'wrk\t%s\n' "$(first_line wrk --version | sed 's/ Copyright.*//')"
  printf 'go\t%s\n' "$(command -v go >/dev/null && first_line go version)"
  printf 'nginx\t%s\n' "$(command -v nginx >/dev/null && first_line nginx -v)"
  printf 'gcc\t%s\n' "$(command -v gcc >/dev/null && first_line gcc --version)"
  printf 'git_commit\t%s\n' "$(git -C "$HERE/.." rev-parse --short HEAD 2>/dev/null || echo none)"
} >"$RUN/machine.tsv"

# A results name nobody holds yet: two runs in the same second (or at once) must not overwrite
# each other, so the name is claimed by creating it with noclobber, which fails if it exists.
claim_results_name() {
  local stamp base n=1
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  base="$BENCH_KIND-$stamp"
  until (set -o noclobber; : >"$RESULTS/$base.json") 2>/dev/null; do
    n=$((n + 1))
    base="$BENCH_KIND-$stamp-$n"
  done
  echo "$base"
}

NAME=$(claim_results_name)
write_reports "$RESULTS/$NAME.json" "$RESULTS/$NAME.md"
cp "$RESULTS/$NAME.md" "$RESULTS/$BENCH_KIND-latest.md"
cp "$RESULTS/$NAME.json" "$RESULTS/$BENCH_KIND-latest.json"
render_html "$RESULTS/$NAME.json" "$RESULTS/$BENCH_KIND-latest.html"
echo "peers: results in bench/results/$NAME.{json,md} (and $BENCH_KIND-latest.*); logs in bench/build/run/" >&2
if any_failed; then
  echo "peers: some servers or runs failed; see FAILED rows above." >&2
  exit 1
fi
