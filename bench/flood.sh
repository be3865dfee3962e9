#!/usr/bin/env bash
# flood.sh: `./surge bench flood`. Many requests in flight at once, one per connection, against
# the reference service's GET /delay/{ms}: every handler sleeps on its virtual thread while the
# rest wait. Reports errors (the goal is none), the most requests in flight at once, and the
# server's memory: with its connections open and idle, and with every request in flight.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RESULTS="$HERE/results"

usage() {
  cat <<'TXT'
Usage: ./surge bench flood [FLAGS]

Starts the reference service on CPU 0, opens CONNECTIONS connections to it from several
loopback source addresses (127.0.0.1, 127.0.0.2, ...; one address has ~28,000 ephemeral ports),
holds them idle for a moment, then sends GET /delay/MS on every one at once and waits for every
answer. The server's resident memory (VmRSS) and live heap (after a full GC, via jcmd) are taken
with no connections, with the connections idle, and with the requests in flight.

Flags:
  --connections N   connections, one request each (default: 100000, or as many as the open-file
                    limit allows, which the script raises to its hard limit first)
  --delay MS        how long each handler sleeps (default 1000)
  --hold SECONDS    how long the connections stay idle before the requests (default 3)
  --port N          the server's port (default 18190)
  -h, --help        this text

Results go to stdout and bench/results/flood-<UTC time>.md.
TXT
}

CONNECTIONS='' DELAY=1000 HOLD=3 PORT=18190
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --delay) DELAY=$2; shift 2 ;;
    --hold) HOLD=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    *) echo "flood: unknown flag '$1'; see ./surge bench flood --help" >&2; exit 2 ;;
  esac
done
for v in "$DELAY" "$HOLD" "$PORT" ${CONNECTIONS:+"$CONNECTIONS"}; do
  [[ $v =~ ^[0-9]+$ ]] || { echo "flood: '$v' is not a whole number" >&2; exit 2; }
done
: "${SURGE_JDK:?run through ./surge bench flood}" "${SURGE_APP_CP:?}" "${SURGE_BENCH_CP:?}"

# Each side holds one file per connection, plus its own: raise the soft limit as far as allowed.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
LIMIT=$(ulimit -n)
MAX=$((LIMIT - 1000))
if [[ -z $CONNECTIONS ]]; then
  CONNECTIONS=$((MAX < 100000 ? MAX : 100000))
  ((CONNECTIONS < 100000)) && echo "flood: the open-file limit is $LIMIT here, so $CONNECTIONS connections, not 100000" >&2
elif ((CONNECTIONS > MAX)); then
  echo "flood: $CONNECTIONS connections need more than the open-file limit ($LIMIT) allows; at most $MAX here" >&2
  exit 2
fi
SOURCES=$(seq -s, -f '127.0.0.%g' 1 $(((CONNECTIONS + 19999) / 20000)))
JVM=("$SURGE_JDK/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
pin() { if taskset -c "$1" true 2>/dev/null; then echo taskset -c "$1"; fi; }

RUN=$(mktemp -d)
SERVER_PID='' FLOOD_PID=''
cleanup() {
  [[ -n $FLOOD_PID ]] && kill "$FLOOD_PID" 2>/dev/null || true
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$RUN"
}
trap cleanup EXIT

# shellcheck disable=SC2046
$(pin 0) "${JVM[@]}" -XX:ActiveProcessorCount=1 ${JAVA_OPTS:-} -cp "$SURGE_APP_CP" dev.surge.app.Main run \
  --port "$PORT" --event-loops 1 >"$RUN/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 300); do
  curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/plaintext" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "flood: the server did not start:" >&2; cat "$RUN/server.log" >&2; exit 1; }
  sleep 0.1
done

rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$SERVER_PID/status"; }
heap_kib() { # live heap after a full GC: the "used" of every generation (lines with a total)
  "$SURGE_JDK/bin/jcmd" "$SERVER_PID" GC.run >/dev/null
  "$SURGE_JDK/bin/jcmd" "$SERVER_PID" GC.heap_info |
    awk '/total/ && match($0, /used [0-9]+K/) { sum += substr($0, RSTART + 5, RLENGTH - 6) } END { print sum + 0 }'
}

heap0=$(heap_kib); rss0=$(rss_kib)
echo "flood: $CONNECTIONS connections from $SOURCES to /delay/$DELAY" >&2
# shellcheck disable=SC2046
$(pin 1) "${JVM[@]}" -Xmx4g -cp "$SURGE_BENCH_CP" dev.surge.bench.Flood --url "http://127.0.0.1:$PORT/delay/$DELAY" \
  --connections "$CONNECTIONS" --sources "$SOURCES" --hold "$HOLD" --timeout $((DELAY / 1000 + 120)) >"$RUN/flood.out" 2>"$RUN/flood.err" &
FLOOD_PID=$!
until grep -q '^connected=' "$RUN/flood.out" 2>/dev/null; do
  kill -0 "$FLOOD_PID" 2>/dev/null || break
  sleep 0.05
done
sleep 1
heap1=$(heap_kib); rss1=$(rss_kib)
until grep -q '^sent=' "$RUN/flood.out" 2>/dev/null; do
  kill -0 "$FLOOD_PID" 2>/dev/null || break
  sleep 0.02
done
# A third of the way into the delay every request is in flight: take the memory then.
sleep "$(awk -v d="$DELAY" 'BEGIN { printf "%.2f", d / 3000 }')"
rss2=$(rss_kib); heap2=$(heap_kib)
rc=0
wait "$FLOOD_PID" || rc=$?
FLOOD_PID=''
cat "$RUN/flood.err" >&2

value() { sed -n "s/^$1=//p" "$RUN/flood.out" | head -n1; }
connected=$(value connected); peak=$(value peak_in_flight)
per() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.0f", (n > 0) ? (b - a) * 1024 / n : 0 }'; }
mkdir -p "$RESULTS"
out="$RESULTS/flood-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# surge bench flood"
  echo
  echo "$connected connections (of $CONNECTIONS asked; open-file limit $LIMIT), one GET /delay/$DELAY each, all sent at once."
  echo "Latencies are the load client's (one thread): they include its own queueing, not only the server's."
  echo "Server: reference service on CPU 0, one event loop, $("$SURGE_JDK/bin/java" -version 2>&1 | head -n1)."
  echo
  echo '```'
  cat "$RUN/flood.out"
  echo '```'
  echo
  echo "| server memory | no connections | connections idle | requests in flight |"
  echo "|---|--:|--:|--:|"
  echo "| resident (VmRSS) KiB | $rss0 | $rss1 | $rss2 |"
  echo "| live heap after GC KiB | $heap0 | $heap1 | $heap2 |"
  echo
  echo "| per | resident bytes | live heap bytes |"
  echo "|---|--:|--:|"
  echo "| idle connection | $(per "$rss0" "$rss1" "$connected") | $(per "$heap0" "$heap1" "$connected") |"
  echo "| in-flight request (beyond its connection) | $(per "$rss1" "$rss2" "$peak") | $(per "$heap1" "$heap2" "$peak") |"
  echo "| in-flight request with its connection | $(per "$rss0" "$rss2" "$peak") | $(per "$heap0" "$heap2" "$peak") |"
} | tee "$out"
echo "flood: results in ${out#"${SURGE_ROOT:-}/"}" >&2
exit $rc
