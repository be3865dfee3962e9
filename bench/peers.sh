#!/usr/bin/env bash
# peers.sh: `./surge bench peers`. Serves GET /plaintext from Surge and from peer servers, one
# at a time, each pinned to one CPU with wrk pinned to another, and compares requests/s,
# latency and, above all, the server's CPU time per request: on a loaded wrk that number is
# what the server costs, whatever the load generator's own ceiling.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PEERS="$HERE/peers"
BUILD="$HERE/build"
RESULTS="$HERE/results"
# shellcheck source=peers/servers.sh
source "$PEERS/servers.sh"
# shellcheck source=peers/report.sh
source "$PEERS/report.sh"

usage() {
  cat <<'TXT'
Usage: ./surge bench peers [FLAGS]

Runs each server alone on one CPU, loads it with wrk on another (keep-alive, then pipelined),
and prints requests/s, p50/p99 latency and server CPU µs per request, with ratios to Surge.
Results are also written to bench/results/peers-<UTC time>.{json,md} and peers-latest.{json,md}.

Flags:
  --servers LIST       comma-separated, from: surge,netty,gin,fasthttp,nginx,c-loop (default: all)
  --connections N      wrk connections (default 64)
  --duration SECONDS   measured run per server and mode (default 10)
  --warmup SECONDS     warm-up run before each measured run (default 5)
  --pipeline DEPTH     requests per pipelined batch (default 16)
  --server-cpu N       CPU the server is pinned to (default 0)
  --load-cpu N         CPU wrk is pinned to (default 1)
  --base-port N        servers listen on 127.0.0.1:N.. N+5 (default 18080)
  --quick              a smoke test: --warmup 1 --duration 3
  -h, --help           this text

JAVA_OPTS is passed to both JVM servers (surge and netty). Missing tools (wrk, nginx, Go and the
gin/fasthttp libraries, gcc) are installed with apt-get when run as root.
TXT
}

die_usage() { echo "peers: $1" >&2; echo "Run './surge bench peers --help' for the flags." >&2; exit 2; }

# Accepts a whole number within [lo, hi] for flag $1, or exits with usage.
bounded() { # flag value lo hi
  [[ $2 =~ ^[0-9]+$ ]] && (($2 >= $3 && $2 <= $4)) || die_usage "$1 wants a whole number from $3 to $4, not '$2'"
  echo "$2"
}

SERVERS=("${ALL_SERVERS[@]}")
CONNECTIONS=64 DURATION=10 WARMUP=5 DEPTH=16 SERVER_CPU=0 LOAD_CPU=1 BASE_PORT=18080
while [[ $# -gt 0 ]]; do
  flag=$1
  case "$flag" in
    -h|--help) usage; exit 0 ;;
    --quick) WARMUP=1 DURATION=3; shift; continue ;;
  esac
  [[ $# -ge 2 ]] || die_usage "$flag needs a value"
  case "$flag" in
    --servers) IFS=, read -r -a SERVERS <<<"$2" ;;
    --connections) CONNECTIONS=$(bounded "$flag" "$2" 1 10000) ;;
    --duration) DURATION=$(bounded "$flag" "$2" 1 600) ;;
    --warmup) WARMUP=$(bounded "$flag" "$2" 0 600) ;;
    --pipeline) DEPTH=$(bounded "$flag" "$2" 1 256) ;;
    --server-cpu) SERVER_CPU=$(bounded "$flag" "$2" 0 4095) ;;
    --load-cpu) LOAD_CPU=$(bounded "$flag" "$2" 0 4095) ;;
    --base-port) BASE_PORT=$(bounded "$flag" "$2" 1024 65000) ;;
    *) die_usage "unknown flag '$flag'" ;;
  esac
  shift 2
done
[[ ${#SERVERS[@]} -gt 0 ]] || die_usage "--servers is empty"
for s in "${SERVERS[@]}"; do
  server_port "$s" >/dev/null || die_usage "unknown server '$s' (known: ${ALL_SERVERS[*]})"
done
for cpu in "$SERVER_CPU" "$LOAD_CPU"; do
  taskset -c "$cpu" true 2>/dev/null || { echo "peers: cannot pin to CPU $cpu here (allowed: $(taskset -pc $$ | sed 's/.*: //')); see --server-cpu/--load-cpu." >&2; exit 1; }
done
[[ $SERVER_CPU != "$LOAD_CPU" ]] || echo "peers: warning: server and wrk share CPU $SERVER_CPU; numbers will mix both." >&2

SERVER_PID='' WRK_PID=''
cleanup() {
  [[ -n $WRK_PID ]] && kill "$WRK_PID" 2>/dev/null || true
  stop_server
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_missing "${SERVERS[@]}"
mkdir -p "$BUILD" "$RESULTS"
RUN="$BUILD/run"
rm -rf "$RUN" && mkdir -p "$RUN"
for s in "${SERVERS[@]}"; do build_server "$s"; done

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits until server $1 (PID SERVER_PID) answers 200 on /plaintext, then checks what it says.
# Prints a reason and fails if it dies, never answers, or answers the wrong body.
await_server() {
  local name=$1 url=$2 deadline=$((SECONDS + 30))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url" || true) == 200 ]]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "exited before answering"; return 1; }
    ((SECONDS < deadline)) || { echo "no 200 from $url within 30 s"; return 1; }
    sleep 0.1
  done
  curl -si --max-time 2 "$url" | tr -d '\r' >"$RUN/$name.response"
  [[ $(tail -n1 "$RUN/$name.response") == "Hello, World!" ]] || { echo "wrong body: $(tail -n1 "$RUN/$name.response")"; return 1; }
  local h
  for h in Server Date Content-Type Content-Length; do
    grep -qi "^$h:" "$RUN/$name.response" || echo "peers: warning: $name sends no $h header" >&2
  done
  return 0
}

# Runs wrk for $1 seconds in mode $2 against $3, output to $4. In the background and waited
# for, so that a signal reaches our trap at once rather than after the run.
run_wrk() {
  local secs=$1 mode=$2 url=$3 out=$4 args=()
  [[ $mode == pipelined ]] && args=(-s "$PEERS/pipeline.lua")
  args+=("$url")
  [[ $mode == pipelined ]] && args+=(-- "$DEPTH")
  timeout $((secs + 30)) taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"${secs}s" --latency "${args[@]}" >"$out" 2>&1 &
  WRK_PID=$!
  local rc=0
  wait "$WRK_PID" || rc=$?
  WRK_PID=''
  return $rc
}

CLK_TCK=$(getconf CLK_TCK)
ROWS="$RUN/rows.tsv"
: >"$ROWS"
FAILED=0
fail_row() { # server reason: one row per mode, so the table shows the failure where it belongs
  local mode
  for mode in keepalive pipelined; do
    printf '%s\t%s\t%s\t-\t-\t-\t-\t-\t-\t-\n' "$1" "$mode" "$2" >>"$ROWS"
  done
  FAILED=1
}

for name in "${SERVERS[@]}"; do
  port=$(server_port "$name")
  url="http://127.0.0.1:$port/plaintext"
  log="$RUN/$name.log"
  if port_open "$port"; then
    echo "peers: port $port is already in use; $name is skipped (something else would answer)." >&2
    fail_row "$name" "port $port busy"
    continue
  fi
  echo "peers: $name on $url" >&2
  start_server "$name" "$log"
  if ! reason=$(await_server "$name" "$url"); then
    echo "peers: $name did not start: $reason. Last lines of $log:" >&2
    tail -n 20 "$log" | sed 's/^/    /' >&2
    stop_server
    fail_row "$name" "$reason"
    continue
  fi
  for mode in keepalive pipelined; do
    out="$RUN/$name-$mode.wrk"
    if ((WARMUP > 0)); then run_wrk "$WARMUP" "$mode" "$url" "$out.warmup" || true; fi
    if ! before=$(cpu_ticks "$SERVER_PID" 2>/dev/null); then
      echo "peers: $name died during the $mode warm-up. Last lines of $log:" >&2
      tail -n 20 "$log" | sed 's/^/    /' >&2
      printf '%s\t%s\tdied in warm-up\t-\t-\t-\t-\t-\t-\t-\n' "$name" "$mode" >>"$ROWS"
      FAILED=1
      continue
    fi
    rc=0
    run_wrk "$DURATION" "$mode" "$url" "$out" || rc=$?
    after=$(cpu_ticks "$SERVER_PID" 2>/dev/null || echo "")
    if ((rc != 0)) || [[ -z $after ]] || ! read -r rps p50 p99 requests non2xx sock < <(parse_wrk "$out"); then
      echo "peers: $name $mode: the measured run failed (wrk exit $rc). wrk said:" >&2
      sed 's/^/    /' "$out" >&2
      printf '%s\t%s\twrk failed\t-\t-\t-\t-\t-\t-\t-\n' "$name" "$mode" >>"$ROWS"
      FAILED=1
      continue
    fi
    cpu_us=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { printf "%.3f", (n > 0 ? t * 1e6 / hz / n : 0) }')
    printf '%s\t%s\tok\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$mode" "$rps" "$p50" "$p99" "$cpu_us" "$requests" "$non2xx" "$sock" >>"$ROWS"
    echo "peers:   $mode: $rps req/s, $cpu_us CPU µs/request" >&2
  done
  stop_server
done

# Parameters and machine, as "key<TAB>value" lines for both the Markdown and the JSON.
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
{
  printf 'timestamp\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf 'servers\t%s\n' "$(IFS=,; echo "${SERVERS[*]}")"
  printf 'path\t/plaintext\n'
  printf 'connections\t%s\nwrk_threads\t1\nwarmup_s\t%s\nduration_s\t%s\n' "$CONNECTIONS" "$WARMUP" "$DURATION"
  printf 'pipeline_depth\t%s\nserver_cpu\t%s\nload_cpu\t%s\n' "$DEPTH" "$SERVER_CPU" "$LOAD_CPU"
  printf 'java_opts\t%s\n' "${JAVA_OPTS:-}"
} >"$RUN/parameters.tsv"
first_line() { "$@" 2>&1 | head -n1 || true; }
{
  printf 'nproc\t%s\n' "$(nproc)"
  printf 'cpu_model\t%s\n' "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
  printf 'kernel\t%s\n' "$(uname -sr)"
  printf 'clk_tck\t%s\n' "$CLK_TCK"
  printf 'java\t%s\n' "$(if [[ -n ${SURGE_JDK:-} ]]; then first_line "$SURGE_JDK/bin/java" -version; fi)"
  printf 'wrk\t%s\n' "$(first_line wrk --version | sed 's/ Copyright.*//')"
  printf 'go\t%s\n' "$(command -v go >/dev/null && first_line go version)"
  printf 'nginx\t%s\n' "$(command -v nginx >/dev/null && first_line nginx -v)"
  printf 'gcc\t%s\n' "$(command -v gcc >/dev/null && first_line gcc --version)"
  printf 'git_commit\t%s\n' "$(git -C "$HERE/.." rev-parse --short HEAD 2>/dev/null || echo none)"
} >"$RUN/machine.tsv"

render_table "$ROWS"
cat "$RUN/parameters.tsv" "$RUN/machine.tsv" >"$RUN/info.tsv"
render_markdown "$ROWS" "$RUN/info.tsv" >"$RESULTS/peers-$STAMP.md"
render_json "$ROWS" "$RUN/parameters.tsv" "$RUN/machine.tsv" >"$RESULTS/peers-$STAMP.json"
cp "$RESULTS/peers-$STAMP.md" "$RESULTS/peers-latest.md"
cp "$RESULTS/peers-$STAMP.json" "$RESULTS/peers-latest.json"
echo "peers: results in bench/results/peers-$STAMP.{json,md} (and peers-latest.*); logs in bench/build/run/" >&2
if ((FAILED)); then
  echo "peers: some servers or runs failed; see FAILED rows above." >&2
  exit 1
fi
