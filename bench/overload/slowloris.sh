# shellcheck shell=bash
# slowloris.sh: sourced by overload.sh. Scenario 1: good clients' throughput alone and beside
# SL_CONNECTIONS slowloris connections, on one server, in alternating rounds (odd rounds
# measure alone first, even rounds beside the attack first, so that neither always runs on the
# warmer server). Each measurement is a closed-loop `surge load` of GOOD_CONNECTIONS
# keep-alive connections on /plaintext for DURATION seconds after a 2 s unmeasured warm-up.
# Appends one JSON object per measurement to $RUN/slowloris.jsonl.

# Waits until the slowloris client holds its connections (or its ramp time is up); prints
# the connections open then.
await_ramp() { # status-file
  local status=$1 deadline open=0
  deadline=$((SECONDS + SL_CONNECTIONS / SL_RATE + 15))
  while ((SECONDS < deadline)); do
    kill -0 "$SLOWLORIS_PID" 2>/dev/null || break
    open=$(jq -r '.open' "$status" 2>/dev/null || echo 0)
    ((open * 100 >= SL_CONNECTIONS * 99)) && break
    sleep 0.5
  done
  # A second more: the ramp's last connections reach the server's event loop, and the
  # trickle of the first ones has settled into its rhythm.
  sleep 1
  jq -r '.open' "$status" 2>/dev/null || echo 0
}

# The server's open files are back near where they were before the attack (bounded wait).
await_released() { # baseline
  local deadline=$((SECONDS + 30)) n
  while ((SECONDS < deadline)); do
    n=$(open_files "$SERVER_PID")
    [[ $n == - ]] && return 0
    ((n <= $1 + 200)) && return 0
    sleep 0.5
  done
  say "the server still holds $(open_files "$SERVER_PID") open files 30 s after the attack ended"
}

slowloris_measure() { # round mode
  local round=$1 mode=$2 base="$RUN/slowloris-r$1-$2" open_before='-' open_after='-' fds='-' figures
  local url="http://127.0.0.1:$PORT/plaintext"
  if [[ $mode == with ]]; then
    start_slowloris "$base-attack.json" "$base-status.json" --url "$url" --connections "$SL_CONNECTIONS" \
      --rate "$SL_RATE" --interval "$SL_INTERVAL" --duration $((SL_CONNECTIONS / SL_RATE + DURATION + 60))
    open_before=$(await_ramp "$base-status.json")
    say "  slowloris holds $open_before connections"
  fi
  fds=$(open_files "$SERVER_PID")
  # The attack shares the load CPUs with the good clients: its CPU use over their run is kept,
  # to tell the server's slowdown from the load generator's.
  local t0 t1 c0=- c1=- attack_cpu=-
  [[ $mode == with ]] && c0=$(cpu_ticks_of "$SLOWLORIS_PID")
  t0=$(date +%s%N)
  surge_load "$base.json" -c "$GOOD_CONNECTIONS" -d "${DURATION}s" --warmup 2s --cpu-of "$SERVER_PID" "$url" ||
    say "  surge load failed: $(tail -n 3 "$base.txt")"
  t1=$(date +%s%N)
  if [[ $mode == with ]]; then
    c1=$(cpu_ticks_of "$SLOWLORIS_PID")
    attack_cpu=$(cpu_pct "$c0" "$c1" "$t0" "$t1")
    open_after=$(jq -r '.open' "$base-status.json" 2>/dev/null || echo -)
    stop_slowloris
    await_released "$FDS_IDLE"
  fi
  if [[ ! -s $base.json ]]; then
    # No report: the good clients could not even connect (or the load failed); they got nothing.
    jq -nc --argjson r "$round" --arg m "$mode" --arg why "$(tail -n 1 "$base.txt" 2>/dev/null)" \
      '{round: $r, mode: $m, failed: $why, rps: 0, errors: 1}' >>"$RUN/slowloris.jsonl"
    return 0
  fi
  figures=$(load_figures "$base.json")
  say "  $mode: $(cut -f1 <<<"$figures") req/s, p99 $(cut -f4 <<<"$figures") µs, server fds $fds"
  local attack='null'
  [[ -s $base-attack.json ]] && attack=$(cat "$base-attack.json")
  jq -nc --argjson r "$round" --arg m "$mode" --arg f "$figures" --arg ob "$open_before" --arg oa "$open_after" \
    --arg fds "$fds" --argjson attack "$attack" --arg acpu "$attack_cpu" '
    def num: if . == "-" or . == "" then null else tonumber end;
    ($f | split("\t")) as $v |
    {round: $r, mode: $m, rps: ($v[0] | num), p50_us: ($v[2] | num), p99_us: ($v[3] | num),
     responses: ($v[5] | num), errors: (($v[9] | num) + ($v[10] | num) + ($v[11] | num) + ($v[12] | num)),
     statuses: $v[14], cpu_us_per_request: ($v[15] | num), load_cpu_pct: ($v[16] | num), slowloris_cpu_pct: ($acpu | num),
     slowloris_open_before: ($ob | num), slowloris_open_after: ($oa | num), server_open_files: ($fds | num),
     slowloris: $attack}' >>"$RUN/slowloris.jsonl"
}

scenario_slowloris() {
  local round modes
  say "slowloris: $SL_CONNECTIONS connections (one header byte every $SL_INTERVAL s, at most $SL_RATE new a second) beside $GOOD_CONNECTIONS good connections, $ROUNDS round(s)"
  lock_take
  if ! start_surge "$RUN/slowloris-server.log"; then
    lock_give
    jq -nc '{round: 1, mode: "alone", failed: "the server did not start", rps: 0, errors: 1}' >>"$RUN/slowloris.jsonl"
    return 1
  fi
  local limit
  limit=$(fd_limit "$SERVER_PID")
  if [[ $limit =~ ^[0-9]+$ ]] && ((limit < SL_CONNECTIONS + GOOD_CONNECTIONS + 200)); then
    say "warning: the server may open only $limit files, fewer than the attack's $SL_CONNECTIONS connections need"
  fi
  jq -nc --arg limit "$limit" '{server_fd_limit: ($limit | tonumber? // null)}' >"$RUN/slowloris-server.json"
  # Warm the server up (JIT) before the first measured run: the good path, then the attack's
  # paths (partial heads, the 408s, closes and reconnections) beside the good clients. Without
  # the second, the first wave of 408s lands inside the first measured run and recompiles the
  # event loop's hot methods there (C2 took about a tenth of the server CPU for seconds).
  surge_load "$RUN/slowloris-warmup.json" -c "$GOOD_CONNECTIONS" -d 3s "http://127.0.0.1:$PORT/plaintext" || true
  FDS_IDLE=$(open_files "$SERVER_PID")
  if ((SL_WARMUP > 0)); then
    say "slowloris: warm-up, ${SL_WARMUP} s of the attack beside the good clients (not measured)"
    start_slowloris "$RUN/slowloris-warmup-attack.json" "$RUN/slowloris-warmup-status.json" \
      --url "http://127.0.0.1:$PORT/plaintext" --connections "$SL_CONNECTIONS" --rate "$SL_RATE" \
      --interval "$SL_INTERVAL" --duration $((SL_CONNECTIONS / SL_RATE + SL_WARMUP + 60))
    await_ramp "$RUN/slowloris-warmup-status.json" >/dev/null
    surge_load "$RUN/slowloris-warmup-attack-load.json" -c "$GOOD_CONNECTIONS" -d "${SL_WARMUP}s" \
      "http://127.0.0.1:$PORT/plaintext" || true
    stop_slowloris
    await_released "$FDS_IDLE"
  fi
  lock_give
  for ((round = 1; round <= ROUNDS; round++)); do
    if ((round % 2)); then modes="alone with"; else modes="with alone"; fi
    lock_take
    for mode in $modes; do
      say "slowloris: round $round, $mode"
      slowloris_measure "$round" "$mode"
    done
    lock_give
  done
  stop_server
  grep -c OutOfMemoryError "$RUN/slowloris-server.log" >"$RUN/slowloris-oom.txt" || true
}
