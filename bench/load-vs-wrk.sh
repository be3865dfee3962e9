#!/usr/bin/env bash
# load-vs-wrk.sh: `surge load` against wrk as load generators, on one core each, against the
# same target: the C loop of `surge bench peers` (built into bench/build/ by it), pinned to
# SERVER_CPU, with the load pinned to LOAD_CPU. Keep-alive and pipelined, wrk and surge load
# alternating, ROUNDS times; prints one line per run and then the medians.
#   bench/load-vs-wrk.sh [ROUNDS] [SECONDS]       (run ./surge bench peers --servers c-loop once first)
# Environment: SERVER_CPU (0), LOAD_CPU (1), CONNECTIONS (64), DEPTH (16), PORT (19190),
# SURGE_LOAD_WARMUP (2: seconds surge load loads unmeasured first; its JVM starts cold).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$HERE/.."
ROUNDS=${1:-3} SECS=${2:-10}
SERVER_CPU=${SERVER_CPU:-0} LOAD_CPU=${LOAD_CPU:-1} CONNECTIONS=${CONNECTIONS:-64} DEPTH=${DEPTH:-16}
PORT=${PORT:-19190} SURGE_LOAD_WARMUP=${SURGE_LOAD_WARMUP:-2}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
# surge load as ./surge load starts it: on the module path, Netty's native transports on the class path.
LOAD_MODULE=(--enable-native-access=io.netty.common
  --module-path "$ROOT/surge-load/target/classes:$(cat "$ROOT/surge-load/target/modulepath.txt")"
  --class-path "$(cat "$ROOT/surge-load/target/nativepath.txt")" --module surge.load/dev.surge.load.Main)
URL="http://127.0.0.1:$PORT/plaintext"
OUT=$(mktemp -d)

[[ -x $HERE/build/c-loop ]] || gcc -O2 -Wall -o "$HERE/build/c-loop" "$HERE/peers/c-loop.c"
taskset -c "$SERVER_CPU" "$HERE/build/c-loop" "$PORT" >"$OUT/c-loop.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$OUT"' EXIT
sleep 0.5

wrk_run() { # mode -> "rps"
  local args=()
  [[ $1 == pipelined ]] && args=(-s "$HERE/peers/pipeline.lua" "$URL" -- "$DEPTH") || args=("$URL")
  taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"${SECS}s" "${args[@]}" | awk '/^Requests\/sec:/ { print $2 }'
}

surge_run() { # mode -> "rps cpu_us_per_response bytes_per_response"
  local args=(-t1 -c"$CONNECTIONS" -d"${SECS}s" --warmup "${SURGE_LOAD_WARMUP}s" --json "$OUT/s.json")
  [[ $1 == pipelined ]] && args+=(--pipeline "$DEPTH")
  # shellcheck disable=SC2086  # LOAD_JAVA_OPTS is a list of flags by design
  taskset -c "$LOAD_CPU" "$JAVA" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -XX:+UseParallelGC -Xms256m -Xmx1g ${LOAD_JAVA_OPTS:-} "${LOAD_MODULE[@]}" "${args[@]}" "$URL" >/dev/null
  awk '/^  "rps":/ { r = $2 } /^  "client":/ { c = $3; a = $5 } END { gsub(/,/, "", r); gsub(/,/, "", c); gsub(/[},]/, "", a); print r, c, a }' "$OUT/s.json"
}

printf '%-6s %-10s %-6s %12s %10s %10s\n' round mode tool rps cpu_us/rsp bytes/rsp
for ((r = 1; r <= ROUNDS; r++)); do
  for mode in keepalive pipelined; do
    wrk_rps=$(wrk_run "$mode")
    [[ -n $wrk_rps ]] || { echo "load-vs-wrk: wrk gave no result ($mode, round $r)" >&2; exit 1; }
    printf '%-6s %-10s %-6s %12s\n' "$r" "$mode" wrk "$wrk_rps" | tee -a "$OUT/rows"
    read -r rps cpu bytes < <(surge_run "$mode") || true
    [[ -n ${rps:-} ]] || { echo "load-vs-wrk: surge load gave no result ($mode, round $r)" >&2; exit 1; }
    printf '%-6s %-10s %-6s %12s %10s %10s\n' "$r" "$mode" surge "$rps" "$cpu" "$bytes" | tee -a "$OUT/rows"
  done
done
echo "medians:"
for mode in keepalive pipelined; do
  w=$(awk -v m="$mode" '$2 == m && $3 == "wrk" { print $4 }' "$OUT/rows" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
  s=$(awk -v m="$mode" '$2 == m && $3 == "surge" { print $4 }' "$OUT/rows" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
  awk -v m="$mode" -v w="$w" -v s="$s" 'BEGIN { printf "  %-10s wrk %12.0f  surge load %12.0f  ratio %.3f\n", m, w, s, s / w }'
done
