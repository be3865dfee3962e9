#!/usr/bin/env bash
# files.sh: `./surge bench files`. Static files from Surge (`surge run --files DIR`) and from
# nginx, each alone on one pinned CPU, with the load on another:
#   small: GET of a 16 KiB file with wrk (keep-alive): requests/s, latency, server CPU µs/request;
#   large: downloads of a 1 GiB file with curl, one at a time: throughput, server CPU ms/GiB.
# nginx runs as a tuned static server would: sendfile and tcp_nopush on, access log off; the
# `nginx-cached` variant adds open_file_cache (descriptors and stat results kept between
# requests; Surge keeps descriptors of small files, but looks each path up every time). Rounds rotate the order; the report gives medians.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PEERS="$HERE/peers"
BUILD="$HERE/build/files"
RESULTS="$HERE/results"
# shellcheck source=peers/servers.sh
source "$PEERS/servers.sh"
# shellcheck source=peers/report.sh
source "$PEERS/report.sh" # parse_wrk

usage() {
  cat <<'TXT'
Usage: ./surge bench files [FLAGS]

Serves the same directory from Surge and nginx, one server at a time pinned to one CPU, and
measures a 16 KiB file under wrk (keep-alive) and 1 GiB downloads with curl on another CPU.
Reports requests/s, p50/p99, server CPU µs per request (16 KiB), throughput and server CPU ms
per GiB (1 GiB), medians over rounds in rotating order, with ratios to Surge. Results go to
bench/results/files-<UTC time>.{json,md} and files-latest.{json,md}.

Flags:
  --servers LIST       from surge, nginx, nginx-cached (default: all three)
  --rounds N           rounds (default 3, --quick 1)
  --duration SECONDS   measured wrk run for the 16 KiB file (default 8, --quick 3)
  --warmup SECONDS     wrk warm-up before it, as two runs (default 16, --quick 2)
  --downloads N        1 GiB downloads measured per server and round, after as many to warm up
                       (default 6, --quick 2)
  --connections N      wrk connections (default 64)
  --server-cpu N       CPU of the server (default 0)
  --load-cpu N         CPU of wrk and curl (default 1)
  --base-port N        servers listen on 127.0.0.1:N.. N+2 (default 18180)
  --quick              one short round
  -h, --help           this text

The files are made once under bench/build/files/www (1 GiB of random bytes). JAVA_OPTS goes to
Surge's JVM. nginx, wrk and curl are installed with apt-get when run as root.
TXT
}

BENCH_CMD=files
# shellcheck source=peers/flags.sh
source "$PEERS/flags.sh"

FILE_SERVERS=(surge nginx nginx-cached)
SERVERS=("${FILE_SERVERS[@]}")
CONNECTIONS=64 SERVER_CPU=0 LOAD_CPU=1 BASE_PORT=18180
ROUNDS='' DURATION='' WARMUP='' DOWNLOADS=''
take_flag() { # flag value
  local s
  case $1 in
    --servers)
      IFS=, read -r -a SERVERS <<<"$2"
      for s in "${SERVERS[@]}"; do
        [[ " ${FILE_SERVERS[*]} " == *" $s "* ]] || die_usage "unknown server '$s' (choose from ${FILE_SERVERS[*]})"
      done
      ;;
    --rounds) ROUNDS=$(bounded "$1" "$2" 1 20) ;;
    --duration) DURATION=$(bounded "$1" "$2" 1 600) ;;
    --warmup) WARMUP=$(bounded "$1" "$2" 0 600) ;;
    --downloads) DOWNLOADS=$(bounded "$1" "$2" 1 100) ;;
    --connections) CONNECTIONS=$(bounded "$1" "$2" 1 10000) ;;
    --server-cpu) SERVER_CPU=$(bounded "$1" "$2" 0 4095) ;;
    --load-cpu) LOAD_CPU=$(bounded "$1" "$2" 0 4095) ;;
    --base-port) BASE_PORT=$(bounded "$1" "$2" 1024 65000) ;;
    *) die_usage "unknown flag '$1'" ;;
  esac
}
parse_flags "$@"
if quick; then
  ROUNDS=${ROUNDS:-1} DURATION=${DURATION:-3} WARMUP=${WARMUP:-2} DOWNLOADS=${DOWNLOADS:-2}
else
  ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-8} WARMUP=${WARMUP:-16} DOWNLOADS=${DOWNLOADS:-6}
fi
[[ $SERVER_CPU != "$LOAD_CPU" ]] || die_usage "--server-cpu and --load-cpu must differ"

if [[ -z ${SURGE_JDK:-} || -z ${SURGE_APP_ARGS:-} || -z ${SURGE_BENCH_CP:-} ]]; then
  echo "files: run this as './surge bench files' (it needs SURGE_JDK, SURGE_APP_ARGS and SURGE_BENCH_CP)." >&2
  exit 1
fi
install_missing nginx

WWW="$BUILD/www"
SMALL=16384
LARGE=$((1 << 30))
mkdir -p "$WWW" "$RESULTS"
[[ $(stat -c %s "$WWW/16k.bin" 2>/dev/null || echo 0) == "$SMALL" ]] || head -c "$SMALL" /dev/urandom >"$WWW/16k.bin"
if [[ $(stat -c %s "$WWW/1g.bin" 2>/dev/null || echo 0) != "$LARGE" ]]; then
  echo "files: making a 1 GiB file of random bytes" >&2
  head -c "$LARGE" /dev/urandom >"$WWW/1g.bin"
fi
LARGE_SHA=$(sha256sum "$WWW/1g.bin" | cut -d' ' -f1)
# Both files in the page cache before anything is measured.
cat "$WWW/16k.bin" "$WWW/1g.bin" >/dev/null

port_of() {
  local i
  for i in "${!FILE_SERVERS[@]}"; do
    [[ ${FILE_SERVERS[$i]} == "$1" ]] && { echo $((BASE_PORT + i)); return 0; }
  done
  return 1
}

nginx_conf() { # name port -> path of its config
  local dir="$BUILD/$1" cache=''
  mkdir -p "$dir"
  [[ $1 == nginx-cached ]] && cache='open_file_cache max=1000 inactive=60s; open_file_cache_valid 60s;'
  cat >"$dir/nginx.conf" <<CONF
master_process off;
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; use epoll; multi_accept on; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000000;
    keepalive_timeout 75s;
    default_type application/octet-stream;
    $cache
    client_body_temp_path $dir/client_body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    server {
        listen 127.0.0.1:$2 backlog=8192;
        location /files/ { alias $WWW/; }
    }
}
CONF
  echo "$dir/nginx.conf"
}

start_file_server() { # name port log
  local pin=(taskset -c "$SERVER_CPU")
  case "$1" in
    surge)
      # shellcheck disable=SC2086  # JAVA_OPTS is a list of flags by design
      "${pin[@]}" "$SURGE_JDK/bin/java" "${JVM_FLAGS[@]}" -XX:ActiveProcessorCount=1 ${JAVA_OPTS:-} \
        @"$SURGE_APP_ARGS" run --host 127.0.0.1 --port "$2" --event-loops 1 --files "$WWW" >"$3" 2>&1 &
      ;;
    nginx|nginx-cached)
      local conf
      conf=$(nginx_conf "$1" "$2")
      "${pin[@]}" nginx -p "$BUILD/$1" -c "$conf" -e "$BUILD/$1/error.log" >"$3" 2>&1 &
      ;;
  esac
  SERVER_PID=$!
}

await_files() { # url
  local deadline=$((SECONDS + 30))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$1" || true) == 200 ]]; do
    kill -0 "$SERVER_PID" 2>/dev/null || return 1
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

ticks_sum() { local t; t=$(cpu_ticks "$1"); echo $(( ${t% *} + ${t#* } )); }

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN="$BUILD/run-$STAMP"
mkdir -p "$RUN"
SAMPLES="$RUN/samples.tsv"
: >"$SAMPLES"
CLK_TCK=$(getconf CLK_TCK)
trap 'stop_server; exit 130' INT TERM

for ((round = 1; round <= ROUNDS; round++)); do
  n=${#SERVERS[@]}
  for ((k = 0; k < n; k++)); do
    name=${SERVERS[$(((round - 1 + k) % n))]}
    port=$(port_of "$name")
    base="http://127.0.0.1:$port/files"
    log="$RUN/r$round-$name.log"
    echo "files: round $round: $name on port $port" >&2
    start_file_server "$name" "$port" "$log"
    if ! await_files "$base/16k.bin"; then
      echo "files: $name did not start; its log:" >&2
      tail -n 20 "$log" >&2
      stop_server
      exit 1
    fi
    # Small: wrk, warm-up in two runs, then the measured run.
    out="$RUN/r$round-$name-small.wrk"
    if ((WARMUP > 0)); then
      taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"$(((WARMUP + 1) / 2))s" "$base/16k.bin" >/dev/null 2>&1 || true
      taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"$((WARMUP / 2 > 0 ? WARMUP / 2 : 1))s" "$base/16k.bin" >/dev/null 2>&1 || true
    fi
    before=$(ticks_sum "$SERVER_PID")
    timeout $((DURATION + 30)) taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$base/16k.bin" >"$out" 2>&1
    after=$(ticks_sum "$SERVER_PID")
    read -r rps p50 p99 requests non2xx sock < <(parse_wrk "$out")
    cpu=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { printf "%.3f", t * 1e6 / hz / n }')
    printf 'small\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$rps" "$p50" "$p99" "$cpu" "$requests" "$non2xx" "$sock" >>"$SAMPLES"
    echo "files:   16 KiB: $rps req/s, p99 ${p99} µs, $cpu CPU µs/request" >&2
    # Large: warm-up downloads, the first checked byte for byte, then the measured ones. A
    # JIT-compiled server meets its sendfile path here for the first time: its user time per
    # GiB falls tenfold over the first dozen downloads, so the warm-up is as long as the run.
    got=$(taskset -c "$LOAD_CPU" curl -s --max-time 120 "$base/1g.bin" | sha256sum | cut -d' ' -f1)
    [[ $got == "$LARGE_SHA" ]] || { echo "files: $name sent a 1 GiB file with the wrong checksum" >&2; stop_server; exit 1; }
    for ((d = 1; d < DOWNLOADS; d++)); do
      taskset -c "$LOAD_CPU" curl -s --max-time 120 -o /dev/null "$base/1g.bin" || true
    done
    before=$(ticks_sum "$SERVER_PID")
    t0=$(date +%s%N)
    for ((d = 0; d < DOWNLOADS; d++)); do
      size=$(taskset -c "$LOAD_CPU" curl -s --max-time 120 -o /dev/null -w '%{size_download}' "$base/1g.bin")
      [[ $size == "$LARGE" ]] || { echo "files: $name: a download ended at $size bytes" >&2; stop_server; exit 1; }
    done
    t1=$(date +%s%N)
    after=$(ticks_sum "$SERVER_PID")
    read -r mibs cpu_ms < <(awk -v b="$LARGE" -v d="$DOWNLOADS" -v ns=$((t1 - t0)) -v t=$((after - before)) -v hz="$CLK_TCK" \
      'BEGIN { printf "%.1f %.1f\n", b * d / 1048576 / (ns / 1e9), t * 1000 / hz / d }')
    printf 'large\t%s\t%s\t%s\t-\t-\t%s\t%s\t0\t0\n' "$round" "$name" "$mibs" "$cpu_ms" "$DOWNLOADS" >>"$SAMPLES"
    echo "files:   1 GiB: $mibs MiB/s, $cpu_ms CPU ms/GiB" >&2
    stop_server
  done
done
trap - INT TERM

# The run's parameters as "key<TAB>value" lines; medians, ratios, JSON and Markdown are Java's.
{
  printf 'timestamp\t%s\nrounds\t%s\nduration_s\t%s\ndownloads\t%s\n' "$STAMP" "$ROUNDS" "$DURATION" "$DOWNLOADS"
  printf 'connections\t%s\nserver_cpu\t%s\nload_cpu\t%s\n' "$CONNECTIONS" "$SERVER_CPU" "$LOAD_CPU"
  printf 'small_bytes\t%s\nlarge_bytes\t%s\njava_opts\t%s\n' "$SMALL" "$LARGE" "${JAVA_OPTS:-}"
} >"$RUN/parameters.tsv"
OUT="$RESULTS/files-$STAMP"
"$SURGE_JDK/bin/java" -cp "$SURGE_BENCH_CP" dev.surge.bench.files.FilesReportCommand --samples "$SAMPLES" \
  --parameters "$RUN/parameters.tsv" --json "$OUT.json" --markdown "$OUT.md"
cp "$OUT.md" "$RESULTS/files-latest.md"
cp "$OUT.json" "$RESULTS/files-latest.json"
cat "$OUT.md"
echo "files: results in $OUT.{md,json}" >&2
