# shellcheck shell=bash
# sigterm.sh: sourced by overload.sh. Scenario 3, per round on a fresh server: a closed-loop
# `surge load` of TERM_CONNECTIONS keep-alive connections on TERM_PATH for TERM_SECONDS, and
# SIGTERM to the server TERM_AT seconds after the load began. The server has GRACE seconds to
# exit (then it is killed, and the round says so).
#
# The accounting, from surge load's error kinds:
#   failed    read + timeout + reset: requests that were written and got no response;
#   new-conn  of those, the ones on a connection that had not answered yet (surge load's
#             newConnectionErrors): connections the server never served, e.g. reset from its
#             accept queue when the listener closed; refused new connections, not lost work;
#   lost      failed - new-conn: requests dropped on connections the server had been serving;
#   refused   connect errors: connection attempts refused once the listener was closed (the
#             load reconnects every 100 ms per connection after a close), not requests.
# A response with `Connection: close` is a response: surge load closes that connection and
# opens another, which, refused, counts as a connect error only. Non-2xx answers (a 503 while
# draining, say) are answers, listed by status. The round passes when lost is 0, the exit
# status is 0, and the server exited within GRACE.
# Appends one JSON object per round to $RUN/sigterm.jsonl.

sigterm_round() { # round
  local round=$1 base="$RUN/sigterm-r$1" load_pid t_term t_exit exit_code=- killed=no exit_s figures
  lock_take
  if ! start_surge "$base-server.log"; then
    lock_give
    jq -nc --argjson r "$round" '{round: $r, failed: "server did not start"}' >>"$RUN/sigterm.jsonl"
    return 0
  fi
  local url="http://127.0.0.1:$PORT$TERM_PATH" server=$SERVER_PID
  # Warm the server up first, so the load under SIGTERM meets a compiled server.
  surge_load "$base-warmup.json" -c "$TERM_CONNECTIONS" -d 3s "$url" || true
  surge_load "$base.json" -c "$TERM_CONNECTIONS" -d "${TERM_SECONDS}s" --timeout 2s "$url" &
  load_pid=$!
  sleep "$TERM_AT"
  t_term=$(date +%s%N)
  kill -TERM "$server"
  # Wait for the exit, at most GRACE seconds, then kill it.
  while kill -0 "$server" 2>/dev/null && (($(date +%s%N) - t_term < GRACE * 1000000000)); do
    sleep 0.02
  done
  if kill -0 "$server" 2>/dev/null; then
    killed=yes
    kill -KILL "$server" 2>/dev/null || true
  fi
  exit_code=0
  wait "$server" || exit_code=$?
  t_exit=$(date +%s%N)
  SERVER_PID=''
  exit_s=$(awk -v a="$t_term" -v b="$t_exit" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
  say "  the server exited with status $exit_code $exit_s s after SIGTERM$([[ $killed == yes ]] && echo " (killed after $GRACE s)")"
  wait "$load_pid" || say "  surge load failed: $(tail -n 3 "$base.txt")"
  lock_give
  if [[ ! -s $base.json ]]; then
    jq -nc --argjson r "$round" '{round: $r, failed: "the load failed"}' >>"$RUN/sigterm.jsonl"
    return 0
  fi
  figures=$(load_figures "$base.json")
  local exceptions
  exceptions=$(grep -c 'Exception\|Error' "$base-server.log" || true)
  jq -nc --argjson r "$round" --arg f "$figures" --argjson code "$exit_code" --argjson secs "$exit_s" \
    --arg killed "$killed" --argjson grace "$GRACE" --argjson at "$TERM_AT" --argjson exc "${exceptions:-0}" '
    def num: if . == "-" or . == "" then null else tonumber end;
    ($f | split("\t")) as $v |
    (($v[10] | num) + ($v[11] | num) + ($v[12] | num)) as $failed | ($v[13] | num) as $new |
    {round: $r, sigterm_at_s: $at, responses: ($v[5] | num), responses_2xx: ($v[6] | num), statuses: $v[14],
     failed: $failed, failed_on_new_connections: $new, lost: ($failed - $new),
     errors: {read: ($v[10] | num), timeout: ($v[11] | num), reset: ($v[12] | num)},
     refused_connects: ($v[9] | num), exit_code: $code, exit_after_s: $secs, killed_after_grace: ($killed == "yes"),
     grace_s: $grace, server_log_error_lines: $exc,
     pass: (($failed - $new) == 0 and $code == 0 and $killed == "no")}' >>"$RUN/sigterm.jsonl"
  say "  $(jq -r '"lost \(.lost) (read \(.errors.read), timeout \(.errors.timeout), reset \(.errors.reset), \(.failed_on_new_connections) on new connections), refused connects \(.refused_connects), statuses \(.statuses)"' <<<"$(tail -n1 "$RUN/sigterm.jsonl")")"
}

scenario_sigterm() {
  local round
  say "sigterm: $TERM_CONNECTIONS connections on $TERM_PATH for $TERM_SECONDS s, SIGTERM at $TERM_AT s, $GRACE s to exit, $ROUNDS round(s)"
  for ((round = 1; round <= ROUNDS; round++)); do
    say "sigterm: round $round"
    sigterm_round "$round"
  done
}
