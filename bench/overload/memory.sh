# shellcheck shell=bash
# memory.sh: sourced by overload.sh. Scenario 4, per round on a fresh server with a small heap
# (MEMORY_HEAP): MEMORY_CONNECTIONS slowloris connections opened as fast as SL_RATE allows, more
# than that heap holds, beside 16 good keep-alive connections on /plaintext, for MEMORY_SECONDS.
# The memory guard is what stands between the flood and an OutOfMemoryError: it sheds requests
# (503) and closes new connections at accept until the header timeout has closed enough of the
# attackers. Then, the attack over, a new connection must be served 200 again within 30 s.
# The round passes when the server is alive at the end, its log has no OutOfMemoryError, the
# good connections saw no error and no status but 200 and 503, and it recovered.
# Appends one JSON object per round to $RUN/memory.jsonl.

memory_round() { # round
  local round=$1 base="$RUN/memory-r$1" url="http://127.0.0.1:$PORT/plaintext" alive=no recovered_s=null
  lock_take
  if ! JAVA_OPTS="${JAVA_OPTS:-} -Xmx$MEMORY_HEAP" start_surge "$base-server.log"; then
    lock_give
    jq -nc --argjson r "$round" '{round: $r, failed: "server did not start"}' >>"$RUN/memory.jsonl"
    return 0
  fi
  surge_load "$base-warmup.json" -c 16 -d 3s "$url" || true
  start_slowloris "$base-attack.json" "$base-status.json" --url "$url" --connections "$MEMORY_CONNECTIONS" \
    --rate "$SL_RATE" --interval "$SL_INTERVAL" --duration "$MEMORY_SECONDS"
  surge_load "$base.json" -c 16 -d "${MEMORY_SECONDS}s" --timeout 5s "$url" || say "  surge load failed: $(tail -n 3 "$base.txt")"
  stop_slowloris
  # The attack is over: how long until a new connection is served again.
  local t0=$SECONDS
  while ((SECONDS - t0 < 30)); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url" || true) == 200 ]]; then
      recovered_s=$((SECONDS - t0))
      break
    fi
    sleep 0.5
  done
  kill -0 "$SERVER_PID" 2>/dev/null && alive=yes
  local exit_code=null
  if [[ $alive == no ]]; then
    exit_code=0
    wait "$SERVER_PID" || exit_code=$?
    SERVER_PID=''
  fi
  stop_server
  lock_give
  local figures='' oom shed attack='null'
  [[ -s $base.json ]] && figures=$(load_figures "$base.json")
  oom=$(grep -c 'OutOfMemoryError\|out of memory' "$base-server.log" || true)
  shed=$(grep -c 'shedding new requests' "$base-server.log" || true)
  [[ -s $base-attack.json ]] && attack=$(cat "$base-attack.json")
  jq -nc --argjson r "$round" --arg f "$figures" --arg heap "$MEMORY_HEAP" --argjson n "$MEMORY_CONNECTIONS" \
    --arg alive "$alive" --argjson code "$exit_code" --argjson rec "$recovered_s" --argjson oom "${oom:-0}" \
    --argjson shed "${shed:-0}" --argjson attack "$attack" '
    def num: if . == "-" or . == "" then null else tonumber end;
    ($f | split("\t")) as $v |
    {round: $r, heap: $heap, connections: $n, alive: ($alive == "yes"), exit_code: $code, recovered_after_s: $rec,
     out_of_memory_lines: $oom, shedding_episodes: $shed,
     good: (if $f == "" then null else {responses: ($v[5] | num), statuses: $v[14],
       errors: (($v[10] | num) + ($v[11] | num) + ($v[12] | num)), connect_errors: ($v[9] | num)} end),
     attack: (if $attack then {peak_open: $attack.peak_open, opened: $attack.opened, answers_408: $attack.answers_408,
       closed_by_server: $attack.closed_by_server, resets: $attack.resets} else null end)}
    | .pass = (.alive and .out_of_memory_lines == 0 and .recovered_after_s != null and .good != null
               and .good.errors == 0 and .good.responses > 0
               and ([.good.statuses | split(",")[] | split(":")[0] | select(. != "200" and . != "503")] | length == 0))' \
    >>"$RUN/memory.jsonl"
  say "  $(jq -r '"alive \(.alive), OutOfMemoryError lines \(.out_of_memory_lines), shedding episodes \(.shedding_episodes), good \(.good.statuses // "-") with \(.good.errors // "-") errors, recovered after \(.recovered_after_s // "-") s"' <<<"$(tail -n1 "$RUN/memory.jsonl")")"
}

scenario_memory() {
  local round
  say "memory: $MEMORY_CONNECTIONS slowloris connections (at most $SL_RATE new a second) against a $MEMORY_HEAP heap beside 16 good connections, $MEMORY_SECONDS s, $ROUNDS round(s)"
  for ((round = 1; round <= ROUNDS; round++)); do
    say "memory: round $round"
    memory_round "$round"
  done
}
