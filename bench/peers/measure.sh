# shellcheck shell=bash
# measure.sh: sourced by peers.sh. Takes one sample of one server: starts it, checks it answers,
# loads it with the load generator in each mode (warm-up, then a measured run) and stops it,
# appending one sample row per mode to SAMPLES. Expects RUN, PEERS, SAMPLES, CLK_TCK,
# CONNECTIONS, DEPTH, WARMUP, DURATION, LOAD_CPU, LOAD (wrk or surge) and the functions of
# servers.sh and report.sh; LOAD=surge also SURGE_JDK and SURGE_LOAD_ARGS.
#
# With LOAD=surge, `surge load` measures: per request, not per pipelined batch as wrk's script
# does, so its latencies under pipelining are not comparable to wrk's. Its JVM starts cold in
# every run, so the measured run first loads unmeasured for SURGE_LOAD_WARMUP seconds (the JIT),
# and the server's CPU time is read by surge load itself (--cpu-of) over exactly the measured
# window, not around the whole process.
#
# Sample rows (tab-separated): round position server mode status rps p50_us p99_us
# cpu_us_per_req user_us_per_req sys_us_per_req requests non_2xx socket_errors. position is the
# server's place in that round's order (0 = first), kept so that order effects can be checked.

# The modes measured; peers.sh's --modes may change them (close: a connection per request).
MODES=(keepalive pipelined)
FAILED=0
LOAD=${LOAD:-wrk}
SURGE_LOAD_WARMUP=${SURGE_LOAD_WARMUP:-2}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits until server $1 (PID SERVER_PID) answers 200 on its path, then checks what it says.
# Prints a reason and fails if it dies, never answers, or answers the wrong body.
await_server() {
  local name=$1 url=$2 deadline=$((SECONDS + 30))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url" || true) == 200 ]]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "exited before answering"; return 1; }
    ((SECONDS < deadline)) || { echo "no 200 from $url within 30 s"; return 1; }
    sleep 0.1
  done
  curl -si --max-time 2 "$url" | tr -d '\r' >"$RUN/$name.response"
  [[ $(tail -n1 "$RUN/$name.response") == "$(server_body "$name")" ]] || { echo "wrong body: $(tail -n1 "$RUN/$name.response")"; return 1; }
  local h
  for h in Server Date Content-Type Content-Length; do
    grep -qi "^$h:" "$RUN/$name.response" || echo "peers: warning: $name sends no $h header" >&2
  done
  return 0
}

# Runs the load generator for $1 seconds in mode $2 against $3, output to $4 (and, for surge,
# its JSON report to $4.json; $5, when given, is the server PID whose CPU time it reports). In
# the background and waited for, so that a signal reaches our trap at once rather than after.
run_load() {
  local secs=$1 mode=$2 url=$3 out=$4 pid=${5:-} args=()
  if [[ $LOAD == surge ]]; then
    args=(-t1 -c"$CONNECTIONS" -d"${secs}s" --json "$out.json")
    [[ $mode == pipelined ]] && args+=(--pipeline "$DEPTH")
    [[ -n $pid ]] && args+=(--warmup "${SURGE_LOAD_WARMUP}s" --cpu-of "$pid")
    # shellcheck disable=SC2086  # LOAD_JAVA_OPTS is a list of flags by design
    timeout $((secs + SURGE_LOAD_WARMUP + 30)) taskset -c "$LOAD_CPU" "$SURGE_JDK/bin/java" "${JVM_FLAGS[@]}" \
      -XX:ActiveProcessorCount=1 -XX:+UseParallelGC -Xms256m -Xmx1g ${LOAD_JAVA_OPTS:-} \
      @"$SURGE_LOAD_ARGS" "${args[@]}" "$url" >"$out" 2>&1 &
  else
    [[ $mode == pipelined ]] && args=(-s "$PEERS/pipeline.lua")
    [[ $mode == close ]] && args=(-H 'Connection: close')
    args+=("$url")
    [[ $mode == pipelined ]] && args+=(-- "$DEPTH")
    timeout $((secs + 30)) taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"${secs}s" --latency "${args[@]}" >"$out" 2>&1 &
  fi
  WRK_PID=$!
  local rc=0
  wait "$WRK_PID" || rc=$?
  WRK_PID=''
  return $rc
}

# surge load's JSON report $1 as parse_wrk prints wrk's: "rps p50_us p99_us requests non_2xx
# errors", then the server's "utime stime" ticks over the measured window. The report puts
# each figure on a line of its own, so awk reads it without a JSON tool.
parse_surge_load() {
  awk '
    function val(line, key,   m) {
      if (match(line, "\"" key "\": [0-9.]+")) { m = substr(line, RSTART, RLENGTH); sub(/.*: /, "", m); return m }
      return ""
    }
    /^  "rps":/ { rps = val($0, "rps") }
    /^  "requests":/ { requests = val($0, "requests") }
    /^  "latencyMicros":/ { p50 = val($0, "p50"); p99 = val($0, "p99") }
    /^  "errors":/ { non2xx = val($0, "non2xx"); errors = val($0, "total") }
    /^  "cpuOf":/ { user = val($0, "userTicks"); sys = val($0, "systemTicks") }
    END {
      if (rps == "" || requests == "" || user == "") exit 1
      printf "%.2f %s %s %s %s %s\n%s %s\n", rps, (p50 > 0 ? p50 : "-"), (p99 > 0 ? p99 : "-"), requests, non2xx, errors, user, sys
    }' "$1"
}

# A failed sample: "-" for every number, so the medians skip it and the status says why.
fail_sample() { # round position server mode reason
  printf '%s\t%s\t%s\t%s\t%s\t-\t-\t-\t-\t-\t-\t-\t-\t-\n' "$@" >>"$SAMPLES"
  FAILED=1
}

# Whether a sample failed in this run: a server that did not start, a run that did not end well.
any_failed() { ((FAILED)); }

# Fails, saying why, unless the server at $1 answers a request that asks for the close with
# Connection: close. wrk opens a new connection only after such an answer: without it, a
# server would be measured keep-alive in the close mode.
closes_on_request() {
  local head
  head=$(curl -s -D - -o /dev/null --max-time 2 -H 'Connection: close' "$1" | tr -d '\r')
  grep -qi '^connection: *close$' <<<"$head" || { echo "no Connection: close in its answer to one"; return 1; }
}

# One round's sample of server $3 at place $2 of round $1: every mode, each on a warm server.
measure_server() { # round position server
  local round=$1 pos=$2 name=$3 port url log reason mode out before after rc
  local rps p50 p99 requests non2xx sock cpu user sys
  port=$(server_port "$name")
  url="http://127.0.0.1:$port$(server_path "$name")"
  log="$RUN/r$round-$name.log"
  if port_open "$port"; then
    echo "peers: port $port is already in use; $name is skipped (something else would answer)." >&2
    for mode in "${MODES[@]}"; do fail_sample "$round" "$pos" "$name" "$mode" "port $port busy"; done
    return 0
  fi
  echo "peers: round $round: $name on $url" >&2
  start_server "$name" "$log"
  if ! reason=$(await_server "$name" "$url"); then
    echo "peers: $name did not start: $reason. Last lines of $log:" >&2
    tail -n 20 "$log" | sed 's/^/    /' >&2
    stop_server
    for mode in "${MODES[@]}"; do fail_sample "$round" "$pos" "$name" "$mode" "$reason"; done
    return 0
  fi
  for mode in "${MODES[@]}"; do
    out="$RUN/r$round-$name-$mode.$LOAD"
    if [[ $mode == close ]] && ! reason=$(closes_on_request "$url"); then
      echo "peers: $name: $reason; its close mode is not measured" >&2
      fail_sample "$round" "$pos" "$name" "$mode" "$reason"
      continue
    fi
    # The warm-up is two load runs, so that the server has also seen a set of connections
    # close before the measured run: a JIT that first meets connection teardown there
    # deoptimizes its hot read path and recompiles it during the measurement.
    if ((WARMUP > 0)); then
      run_load $(((WARMUP + 1) / 2)) "$mode" "$url" "$out.warmup" || true
      run_load $((WARMUP / 2 > 0 ? WARMUP / 2 : 1)) "$mode" "$url" "$out.warmup2" || true
    fi
    if ! before=$(cpu_ticks "$SERVER_PID" 2>/dev/null); then
      echo "peers: $name died during the $mode warm-up. Last lines of $log:" >&2
      tail -n 20 "$log" | sed 's/^/    /' >&2
      fail_sample "$round" "$pos" "$name" "$mode" "died in warm-up"
      continue
    fi
    rc=0
    run_load "$DURATION" "$mode" "$url" "$out" "$SERVER_PID" || rc=$?
    after=$(cpu_ticks "$SERVER_PID" 2>/dev/null || echo "")
    local parsed=''
    if ((rc == 0)) && [[ -n $after ]]; then
      if [[ $LOAD == surge ]]; then
        # surge load read the server's ticks over its measured window: "0 0" to "user sys".
        parsed=$(parse_surge_load "$out.json") && { before="0 0"; after=$(sed -n 2p <<<"$parsed"); } || parsed=''
      else
        parsed=$(parse_wrk "$out") || parsed=''
      fi
    fi
    if [[ -z $parsed ]] || ! read -r rps p50 p99 requests non2xx sock <<<"$(head -n1 <<<"$parsed")"; then
      echo "peers: $name $mode: the measured run failed ($LOAD exit $rc). $LOAD said:" >&2
      sed 's/^/    /' "$out" >&2
      fail_sample "$round" "$pos" "$name" "$mode" "$LOAD failed"
      continue
    fi
    # Ticks to µs per request, for user, system and their sum; "before" and "after" are
    # "utime stime" pairs.
    read -r cpu user sys < <(awk -v b="$before" -v a="$after" -v hz="$CLK_TCK" -v n="$requests" '
      function per_req(t) { return sprintf("%.3f", n > 0 ? t * 1e6 / hz / n : 0) }
      BEGIN {
        split(b, t0, " "); split(a, t1, " ")
        u = t1[1] - t0[1]; s = t1[2] - t0[2]
        print per_req(u + s), per_req(u), per_req(s)
      }')
    printf '%s\t' "$round" "$pos" "$name" "$mode" ok "$rps" "$p50" "$p99" "$cpu" "$user" "$sys" \
      "$requests" "$non2xx" >>"$SAMPLES"
    printf '%s\n' "$sock" >>"$SAMPLES"
    echo "peers:   $mode: $rps req/s, $cpu CPU µs/request ($user user, $sys sys)" >&2
  done
  stop_server
}
