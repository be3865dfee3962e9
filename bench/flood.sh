#!/usr/bin/env bash
# flood.sh: `./surge bench flood`. Many requests in flight at once, one per connection, against
# the reference service's GET /delay/{ms}: every handler sleeps on its virtual thread while the
# rest wait. Reports errors (the goal is none), whether every request was in flight at once,
# and the server's memory: with its connections open and idle, and with every request in flight.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RESULTS="$HERE/results"

usage() {
  cat <<'TXT'
Usage: ./surge bench flood [FLAGS]

Starts the reference service, opens CONNECTIONS connections to it from loopback source
addresses (127.J.0.1, 127.J.0.2, ... for load client J, at most 20,000 connections each: one
address has about 28,000 ephemeral ports), holds them
idle, then sends GET /delay/MS on every one at once and waits for every answer. The server's
resident memory (VmRSS) and live heap (after a full GC, via jcmd) are taken with no
connections, with the connections idle, and with the requests in flight.

One process may hold no more sockets than its open-file limit, which the script raises to the
hard limit but no further. For more connections than that, --processes N runs N servers on the
same port (SO_REUSEPORT: the kernel spreads the connections over them, as over the event loops
of one server) and N load clients; memory is then summed over the servers.

Flags:
  --connections N   connections, one request each (default: 100000, or as many as the
                    open-file limit allows)
  --processes N     server processes sharing the port, and load clients (default 1)
  --delay MS        how long each handler sleeps (default 1000)
  --port N          the servers' port (default 18190)
  -h, --help        this text

Results go to stdout and bench/results/flood-<UTC time>.md.
TXT
}

CONNECTIONS='' PROCESSES=1 DELAY=1000 PORT=18190
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --connections|--processes|--delay|--port)
      [[ $# -ge 2 && $2 =~ ^[0-9]+$ ]] || { echo "flood: $1 wants a whole number" >&2; exit 2; }
      case "$1" in
        --connections) CONNECTIONS=$2 ;; --processes) PROCESSES=$2 ;; --delay) DELAY=$2 ;; --port) PORT=$2 ;;
      esac
      shift 2 ;;
    *) echo "flood: unknown flag '$1'; see ./surge bench flood --help" >&2; exit 2 ;;
  esac
done
((PROCESSES >= 1)) || { echo "flood: --processes must be at least 1" >&2; exit 2; }
: "${SURGE_JDK:?run through ./surge bench flood}" "${SURGE_APP_ARGS:?}" "${SURGE_BENCH_CP:?}"

# Each socket is a file: raise the soft limit as far as allowed.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
LIMIT=$(ulimit -n)
# Per process: the connections, plus room for the JVM's own files and an uneven spread.
PER_PROCESS=$((LIMIT * 9 / 10 - 500))
MAX=$((PER_PROCESS * PROCESSES))
if [[ -z $CONNECTIONS ]]; then
  CONNECTIONS=$((MAX < 100000 ? MAX : 100000))
  ((CONNECTIONS < 100000)) && echo "flood: the open-file limit is $LIMIT a process, so $CONNECTIONS connections with $PROCESSES process(es); more with --processes" >&2
elif ((CONNECTIONS > MAX)); then
  echo "flood: $CONNECTIONS connections need more files than $PROCESSES process(es) may open (limit $LIMIT each); use --processes $(((CONNECTIONS + PER_PROCESS - 1) / PER_PROCESS)) or fewer connections" >&2
  exit 2
fi
JVM=("$SURGE_JDK/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
CPUS=$(nproc)
pin_to() { # cpu: PIN becomes "taskset -c CPU" where this machine allows that CPU, else nothing
  PIN=()
  if taskset -c "$1" true 2>/dev/null; then PIN=(taskset -c "$1"); fi
}

RUN=$(mktemp -d)
SERVERS=() CLIENTS=()
# shellcheck disable=SC2317  # the EXIT trap calls it; a script ending in exit hides that (koalaman/shellcheck#3183)
cleanup() {
  local p
  for p in "${CLIENTS[@]}" "${SERVERS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${SERVERS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$RUN"
}
trap cleanup EXIT

# Servers on the first CPUs, clients on the next ones (on two CPUs: server 0, client 1).
for ((i = 0; i < PROCESSES; i++)); do
  pin_to $((i % CPUS))
  # shellcheck disable=SC2086  # JAVA_OPTS is a list of flags by design
  "${PIN[@]}" "${JVM[@]}" -XX:ActiveProcessorCount=1 ${JAVA_OPTS:-} @"$SURGE_APP_ARGS" run \
    --port "$PORT" --event-loops 1 >"$RUN/server-$i.log" 2>&1 &
  SERVERS+=($!)
  for _ in $(seq 300); do
    grep -q "listening on" "$RUN/server-$i.log" 2>/dev/null && break
    kill -0 "${SERVERS[$i]}" 2>/dev/null || { echo "flood: server $i did not start:" >&2; cat "$RUN/server-$i.log" >&2; exit 1; }
    sleep 0.1
  done
  grep -q "listening on" "$RUN/server-$i.log" || { echo "flood: server $i did not listen within 30 s:" >&2; cat "$RUN/server-$i.log" >&2; exit 1; }
done

sum_rss() { local p t=0; for p in "${SERVERS[@]}"; do t=$((t + $(awk '/^VmRSS/ { print $2 }' "/proc/$p/status"))); done; echo $t; }
heap_kib() { # live heap of one server after a full GC: the "used" of every generation
  "$SURGE_JDK/bin/jcmd" "$1" GC.run >/dev/null
  "$SURGE_JDK/bin/jcmd" "$1" GC.heap_info |
    awk '/total/ && match($0, /used [0-9]+K/) { sum += substr($0, RSTART + 5, RLENGTH - 6) } END { print sum + 0 }'
}
sum_heap() { local p t=0; for p in "${SERVERS[@]}"; do t=$((t + $(heap_kib "$p"))); done; echo $t; }

heap0=$(sum_heap); rss0=$(sum_rss)
GO="$RUN/go"
echo "flood: $CONNECTIONS connections to /delay/$DELAY, $PROCESSES server(s) and client(s)" >&2
for ((j = 0; j < PROCESSES; j++)); do
  n=$((CONNECTIONS / PROCESSES + (j < CONNECTIONS % PROCESSES ? 1 : 0)))
  sources=$(seq -s, -f "127.$((j + 1)).0.%g" 1 $(((n + 19999) / 20000)))
  pin_to $(((PROCESSES + j) % CPUS))
  "${PIN[@]}" "${JVM[@]}" -Xmx4g -cp "$SURGE_BENCH_CP" dev.surge.bench.Flood \
    --url "http://127.0.0.1:$PORT/delay/$DELAY" --connections "$n" --sources "$sources" --go-file "$GO" \
    --timeout $((DELAY / 1000 + 180)) >"$RUN/flood-$j.out" 2>"$RUN/flood-$j.err" &
  CLIENTS+=($!)
done
all_have() { local j; for ((j = 0; j < PROCESSES; j++)); do grep -q "^$1=" "$RUN/flood-$j.out" 2>/dev/null || return 1; done; }
await_clients() { # until every client printed $1; fails if one died first
  local p
  until all_have "$1"; do
    for p in "${CLIENTS[@]}"; do
      kill -0 "$p" 2>/dev/null || all_have "$1" || { echo "flood: a load client stopped:" >&2; cat "$RUN"/flood-*.err "$RUN"/flood-*.out >&2; exit 1; }
    done
    sleep 0.02
  done
}
await_clients connected
sleep 1
heap1=$(sum_heap); rss1=$(sum_rss)
touch "$GO"
await_clients send_end_ms
# A third of the way into the delay every request is in flight: take the memory then.
sleep "$(awk -v d="$DELAY" 'BEGIN { printf "%.2f", d / 3000 }')"
rss2=$(sum_rss); heap2=$(sum_heap)
rc=0
for p in "${CLIENTS[@]}"; do wait "$p" || rc=1; done
CLIENTS=()
cat "$RUN"/flood-*.err >&2

# The counts summed over the clients, memory per connection and per request, the Markdown: Java's.
# It exits 1 when a connection was not made or a request failed.
mkdir -p "$RESULTS"
out="$RESULTS/flood-$(date -u +%Y%m%dT%H%M%SZ).md"
"$SURGE_JDK/bin/java" -cp "$SURGE_BENCH_CP" dev.surge.bench.flood.FloodReportCommand --asked "$CONNECTIONS" \
  --file-limit "$LIMIT" --processes "$PROCESSES" --delay "$DELAY" --cpus "$CPUS" \
  --java "$("$SURGE_JDK/bin/java" -version 2>&1 | head -n1)" --rss "$rss0,$rss1,$rss2" --heap "$heap0,$heap1,$heap2" \
  --markdown "$out" "$RUN"/flood-*.out || rc=1
[[ -s $out ]] && echo "flood: results in ${out#"${SURGE_ROOT:-}/"}" >&2
exit "$rc"
