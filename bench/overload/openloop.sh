# shellcheck shell=bash
# openloop.sh: sourced by overload.sh. Scenario 2, per route and round, on a fresh server:
# the route's capacity (the best 2xx/s of closed loops of each of PEAK_CONNECTIONS connections,
# PEAK_SECONDS each after a 3 s warm-up), then an open loop at FACTOR times that rate for OVERLOAD_SECONDS over
# OPEN_CONNECTIONS connections (5 s warm-up: the connections open, and the backlog a cold load generator leaves behind it drains). Goodput is the open loop's
# 2xx/s; its p99 is that of the 2xx responses alone, counted from when each request fell due.
# Appends one JSON object per route and round to $RUN/overload.jsonl.

overload_measure() { # round route
  local round=$1 route=$2 tag base peak peak_c=0 rate figures oom hwm
  tag=$(tr -c 'a-zA-Z0-9\n' '_' <<<"${route#/}")
  base="$RUN/overload-r$round-$tag"
  lock_take
  if ! start_surge "$base-server.log"; then
    lock_give
    jq -nc --argjson r "$round" --arg p "$route" '{round: $r, route: $p, failed: "server did not start"}' >>"$RUN/overload.jsonl"
    return 0
  fi
  local url="http://127.0.0.1:$PORT$route" c p best=0 best_json='' runs='[]'
  # The peak: the best 2xx/s over closed loops of each connection count (a sleeping route's
  # throughput grows with concurrency until its CPU is spent; an inline route's does not).
  for c in "${PEAK_CONNECTIONS[@]}"; do
    surge_load "$base-peak-c$c.json" -c "$c" -d "${PEAK_SECONDS}s" --warmup 3s --cpu-of "$SERVER_PID" "$url" ||
      say "  the closed loop of $c connections failed: $(tail -n 3 "$base-peak-c$c.txt")"
    [[ -s $base-peak-c$c.json ]] || continue
    p=$(load_figures "$base-peak-c$c.json" | cut -f2)
    say "  $route: closed loop of $c connections: $p 2xx/s"
    runs=$(jq -c --argjson c "$c" --argjson p "$p" '. + [{connections: $c, rps_2xx: $p}]' <<<"$runs")
    if awk -v a="$p" -v b="$best" 'BEGIN { exit !(a > b) }'; then best=$p best_json="$base-peak-c$c.json" peak_c=$c; fi
  done
  peak=$best
  rate=$(awk -v p="$peak" -v f="$FACTOR" 'BEGIN { printf "%.0f", p * f }')
  if ((rate < 1)); then
    say "  $route: no 2xx in the closed loop; no open loop"
    stop_server
    lock_give
    jq -nc --argjson r "$round" --arg p "$route" '{round: $r, route: $p, failed: "no capacity measured"}' >>"$RUN/overload.jsonl"
    return 0
  fi
  say "  $route: closed-loop peak $peak 2xx/s; open loop at $rate req/s for $OVERLOAD_SECONDS s"
  surge_load "$base-open.json" -c "$OPEN_CONNECTIONS" -R "$rate" -d "${OVERLOAD_SECONDS}s" --warmup 5s --timeout 2s \
    --cpu-of "$SERVER_PID" "$url" || say "  the open loop failed: $(tail -n 3 "$base-open.txt")"
  hwm=$(peak_rss_kib "$SERVER_PID")
  local alive=yes
  kill -0 "$SERVER_PID" 2>/dev/null || alive=no
  stop_server
  lock_give
  oom=$(grep -c OutOfMemoryError "$base-server.log" || true)
  if [[ ! -s $base-open.json ]]; then
    jq -nc --argjson r "$round" --arg p "$route" '{round: $r, route: $p, failed: "the open loop failed"}' >>"$RUN/overload.jsonl"
    return 0
  fi
  figures=$(load_figures "$base-open.json")
  say "  $route: goodput $(cut -f2 <<<"$figures") 2xx/s, 2xx p99 $(cut -f5 <<<"$figures") µs, statuses $(cut -f15 <<<"$figures")"
  jq -nc --argjson r "$round" --arg p "$route" --argjson peak "$peak" --argjson rate "$rate" --arg f "$figures" \
    --arg pf "$(load_figures "$best_json")" --argjson pc "$peak_c" --argjson runs "$runs" --argjson oom "${oom:-0}" \
    --arg hwm "$hwm" --arg alive "$alive" '
    def num: if . == "-" or . == "" then null else tonumber end;
    ($f | split("\t")) as $v | ($pf | split("\t")) as $w |
    {round: $r, route: $p,
     peak: {rps_2xx: $peak, connections: $pc, p50_us: ($w[2] | num), p99_us: ($w[3] | num),
            cpu_us_per_request: ($w[15] | num), load_cpu_pct: ($w[16] | num), statuses: $w[14], runs: $runs},
     offered_rps: $rate, sent: ($v[7] | num), scheduled: ($v[8] | num), sent_rps: ($v[17] | num),
     sent_x_peak: (($v[17] | num) / $peak), load_cpu_pct: ($v[16] | num),
     goodput_rps: ($v[1] | num), goodput_pct_of_peak: (($v[1] | num) * 100 / $peak),
     responses_rps: ($v[0] | num), p50_us: ($v[2] | num), p99_us: ($v[3] | num), p99_2xx_us: ($v[4] | num),
     statuses: $v[14],
     errors: {connect: ($v[9] | num), read: ($v[10] | num), timeout: ($v[11] | num), reset: ($v[12] | num)},
     cpu_us_per_request: ($v[15] | num), out_of_memory_errors: $oom, server_peak_rss_kib: ($hwm | num),
     server_alive_after: ($alive == "yes")}' >>"$RUN/overload.jsonl"
}

scenario_overload() {
  local round route
  say "overload: routes ${ROUTES[*]}, open loop at ${FACTOR}x the closed-loop peak, $ROUNDS round(s)"
  for ((round = 1; round <= ROUNDS; round++)); do
    for route in "${ROUTES[@]}"; do
      say "overload: round $round, $route"
      overload_measure "$round" "$route"
    done
  done
}
