# shellcheck shell=bash
# common.sh: sourced by overload.sh. Starts the reference service pinned to the server CPU
# (peers/servers.sh's stop_server stops it), runs `surge load` and the slowloris client pinned
# to the load CPUs, takes the CPU lock for one scenario round at a time, and reads figures out
# of surge load's JSON with jq.
# Expects RUN, PORT, SERVER_CPU, LOAD_CPUS, LOAD_THREADS, SERVER_ARGS (array), LOCK, CLK_TCK,
# SURGE_JDK, SURGE_APP_ARGS, SURGE_LOAD_ARGS, SURGE_BENCH_CP.

# The peers' server helpers: JVM_FLAGS, stop_server (SERVER_PID) and cpu_ticks.
# shellcheck source=../peers/servers.sh
source "$HERE/peers/servers.sh"
SERVER_PID=''
LOCK_FD=''

say() { echo "overload: $*" >&2; }

# The CPU lock (--lock): held exclusively for one scenario round, so that others may build
# between rounds but never measure beside ours.
lock_take() {
  [[ -n $LOCK ]] || return 0
  exec {LOCK_FD}>>"$LOCK"
  flock -x "$LOCK_FD"
}

lock_give() {
  [[ -n $LOCK_FD ]] || return 0
  flock -u "$LOCK_FD"
  exec {LOCK_FD}>&-
  LOCK_FD=''
}

# Starts the reference service with SERVER_ARGS, output to $1, and waits until it answers 200
# on /plaintext. Sets SERVER_PID (taskset execs the JVM, so it is the server itself).
start_surge() { # log
  # shellcheck disable=SC2086  # JAVA_OPTS is a list of flags by design
  taskset -c "$SERVER_CPU" "$SURGE_JDK/bin/java" "${JVM_FLAGS[@]}" -XX:ActiveProcessorCount=1 ${JAVA_OPTS:-} \
    @"$SURGE_APP_ARGS" run --host 127.0.0.1 --port "${PORT:?}" "${SERVER_ARGS[@]}" >"$1" 2>&1 &
  SERVER_PID=$!
  local deadline=$((SECONDS + 30))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$PORT/plaintext" || true) == 200 ]]; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null || ((SECONDS >= deadline)); then
      say "the server did not answer on port $PORT; the last lines of $1:"
      tail -n 20 "$1" | sed 's/^/    /' >&2
      stop_server
      return 1
    fi
    sleep 0.1
  done
}

# `surge load` on the load CPUs: $1 is the JSON report to write (its text report goes next to
# it as .txt), the rest its flags and URL. In the background and waited for, so that a signal
# reaches our trap at once.
surge_load() { # json args...
  local json=$1 pid
  shift
  # shellcheck disable=SC2086  # LOAD_JAVA_OPTS is a list of flags by design
  timeout 600 taskset -c "$LOAD_CPUS" "$SURGE_JDK/bin/java" "${JVM_FLAGS[@]}" -XX:ActiveProcessorCount="$LOAD_CPU_COUNT" \
    -XX:+UseParallelGC -Xms256m -Xmx1g ${LOAD_JAVA_OPTS:-} @"$SURGE_LOAD_ARGS" \
    -t "$LOAD_THREADS" --json "$json" "$@" >"${json%.json}.txt" 2>&1 &
  pid=$!
  wait "$pid"
}

# The slowloris client on the load CPUs, in the background: sets SLOWLORIS_PID.
start_slowloris() { # summary-file status-file args...
  local summary=$1 status=$2
  shift 2
  taskset -c "$LOAD_CPUS" "$SURGE_JDK/bin/java" -XX:ActiveProcessorCount="$LOAD_CPU_COUNT" -XX:+UseSerialGC -Xmx512m \
    -cp "$SURGE_BENCH_CP" dev.surge.bench.Slowloris --status "$status" "$@" >"$summary" 2>"${summary%.json}.err" &
  SLOWLORIS_PID=$!
}

stop_slowloris() {
  [[ -n ${SLOWLORIS_PID:-} ]] || return 0
  kill -TERM "$SLOWLORIS_PID" 2>/dev/null || true
  wait "$SLOWLORIS_PID" 2>/dev/null || true
  SLOWLORIS_PID=''
}

# One line of figures from a surge load JSON report, tab-separated: rps, 2xx/s, p50 µs, p99 µs,
# 2xx p99 µs, responses, 2xx responses, sent, scheduled, errors (connect, read, timeout, reset),
# new-connection errors, the statuses as "code:n,code:n", server CPU µs per response (or -),
# the load generator's CPU use in % of its CPUs (or -), and requests sent a second.
load_figures() { # json
  jq -r --argjson hz "$CLK_TCK" --argjson cpus "$LOAD_CPU_COUNT" '
    def twoxx: [.statuses | to_entries[] | select(.key | startswith("2")) | .value] | add // 0;
    [ .rps, (twoxx / .elapsedSeconds), .latencyMicros.p50, .latencyMicros.p99, .latency2xxMicros.p99,
      .requests, twoxx, .sent, .scheduled,
      .errors.connect, .errors.read, .errors.timeout, .errors.reset, .newConnectionErrors,
      ([.statuses | to_entries[] | "\(.key):\(.value)"] | join(",") | if . == "" then "-" else . end),
      (if .cpuOf and .requests > 0 then (.cpuOf.userTicks + .cpuOf.systemTicks) * 1e6 / $hz / .requests else "-" end),
      (if .client.cpuMicrosPerResponse then .client.cpuMicrosPerResponse * .requests / .elapsedSeconds / 1e4 / $cpus else "-" end),
      (.sent / .elapsedSeconds)
    ] | map(if type == "number" then (. * 1000 | round / 1000) else . end) | @tsv' "$1"
}

# CPU time of process $1 so far, in clock ticks (user + system), or - when it is gone.
cpu_ticks_of() {
  local t
  t=$(cpu_ticks "$1" 2>/dev/null) || { echo -; return 0; }
  echo $((${t% *} + ${t#* }))
}

# CPU use in % of one core between two readings of cpu_ticks_of and date +%s%N.
cpu_pct() { # ticks0 ticks1 ns0 ns1
  awk -v a="$1" -v b="$2" -v t0="$3" -v t1="$4" -v hz="$CLK_TCK" \
    'BEGIN { if (a == "-" || b == "-" || t1 <= t0) print "-"; else printf "%.1f", (b - a) / hz * 100 / ((t1 - t0) / 1e9) }'
}

# Open files of process $1 (its connections, mostly), or - when it is gone.
open_files() {
  local n
  n=$(find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l) || n=''
  [[ -n $n && $n -gt 0 ]] && echo "$n" || echo -
}

# The soft open-file limit of process $1.
fd_limit() {
  awk '/^Max open files/ { print $4 }' "/proc/$1/limits" 2>/dev/null || echo -
}

# Peak resident memory of process $1 in KiB (VmHWM), or -.
peak_rss_kib() {
  awk '/^VmHWM/ { print $2; found = 1 } END { if (!found) print "-" }' "/proc/$1/status" 2>/dev/null || echo -
}
