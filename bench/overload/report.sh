# report.sh: sourced by overload.sh. Folds the scenarios' samples ($RUN/*.jsonl) into one
# results file (JSON: parameters, machine, each scenario's samples and summary) and a short
# Markdown table of the figures against the issue's targets.

# The summaries, from the samples: medians over rounds. A verdict over rounds takes each
# round's own (`[$x[] | .pass // false]`): written `[$x[].pass // false]`, jq's `//` would drop
# the rounds that failed and keep the rest.
summarize() { # parameters.json machine.json -> results JSON on stdout
  local empty="$RUN/empty.jsonl"
  : >"$empty"
  jq -n --slurpfile p "$1" --slurpfile m "$2" \
    --slurpfile sl "$( [[ -f $RUN/slowloris.jsonl ]] && echo "$RUN/slowloris.jsonl" || echo "$empty")" \
    --slurpfile ov "$( [[ -f $RUN/overload.jsonl ]] && echo "$RUN/overload.jsonl" || echo "$empty")" \
    --slurpfile st "$( [[ -f $RUN/sigterm.jsonl ]] && echo "$RUN/sigterm.jsonl" || echo "$empty")" \
    --slurpfile mem "$( [[ -f $RUN/memory.jsonl ]] && echo "$RUN/memory.jsonl" || echo "$empty")" \
    --slurpfile srv "$( [[ -f $RUN/slowloris-server.json ]] && echo "$RUN/slowloris-server.json" || echo "$empty")" '
    def median: map(select(. != null)) | sort | if length == 0 then null
      elif length % 2 == 1 then .[(length - 1) / 2] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    def r3: if . == null then null else (. * 1000 | round / 1000) end;
    {benchmark: "overload", parameters: $p[0], machine: $m[0]}
    + (if ($sl | length) > 0 then {slowloris: {
        samples: $sl, server: ($srv[0] // {}),
        summary: (
          ([$sl[] | select(.mode == "alone") | .rps] | median) as $alone |
          ([$sl[] | select(.mode == "with") | .rps] | median) as $with |
          # Rounds are pairs (alone and with, back to back): the ratio is the median of the
          # ratios of the rounds themselves, not a ratio of medians from different rounds.
          ([range(1; 1 + ([$sl[].round] | max)) as $r |
             ([$sl[] | select(.round == $r and .mode == "alone")][0]) as $a |
             ([$sl[] | select(.round == $r and .mode == "with")][0]) as $w |
             {rps: (if $a.rps and $w.rps then ($w.rps / $a.rps | r3) else null end),
              cpu: (if $a.cpu_us_per_request and $w.cpu_us_per_request
                    then ($a.cpu_us_per_request / $w.cpu_us_per_request | r3) else null end)}]) as $rounds |
          {alone_rps: $alone, with_rps: $with,
           ratio: ([$rounds[].rps] | median | r3),
           ratio_of_medians: (if $alone and $with then ($with / $alone | r3) else null end),
           round_ratios: [$rounds[].rps],
           round_cpu_ratios: [$rounds[].cpu],
           alone_p99_us: ([$sl[] | select(.mode == "alone") | .p99_us] | median),
           with_p99_us: ([$sl[] | select(.mode == "with") | .p99_us] | median),
           alone_cpu_us_per_request: ([$sl[] | select(.mode == "alone") | .cpu_us_per_request] | median | r3),
           with_cpu_us_per_request: ([$sl[] | select(.mode == "with") | .cpu_us_per_request] | median | r3),
           slowloris_cpu_pct: ([$sl[] | select(.mode == "with") | .slowloris_cpu_pct] | median),
           slowloris_open: ([$sl[] | select(.mode == "with") | .slowloris_open_before] | median),
           good_errors: ([$sl[] | .errors // 0] | add),
           target: "with / alone >= 0.90"}
          | .cpu_ratio = (.round_cpu_ratios | median | r3)
          | .pass = (.ratio != null and .ratio >= 0.9 and .good_errors == 0))}} else {} end)
    + (if ($ov | length) > 0 then {overload: {
        samples: $ov,
        summary: [($ov | map(.route) | unique)[] as $route | [$ov[] | select(.route == $route and (.failed | not))] as $s |
          {route: $route, rounds: ($s | length),
           peak_rps_2xx: ([$s[].peak.rps_2xx] | median | r3), offered_rps: ([$s[].offered_rps] | median),
           goodput_rps: ([$s[].goodput_rps] | median | r3), goodput_pct_of_peak: ([$s[].goodput_pct_of_peak] | median | r3),
           p99_2xx_us: ([$s[].p99_2xx_us] | median), sent_pct_of_scheduled: ([$s[] | select(.scheduled > 0) | .sent * 100 / .scheduled] | median | r3),
           statuses: [$s[].statuses], errors: ([$s[].errors | .connect + .read + .timeout + .reset] | add),
           only_503: ([$s[].statuses | split(",")[] | select(. != "-") | split(":")[0] | select(startswith("2") | not) | select(. != "503")] | length == 0),
           out_of_memory_errors: ([$s[].out_of_memory_errors] | add),
           cpu_us_per_request: ([$s[].cpu_us_per_request] | median | r3),
           sent_x_peak: ([$s[].sent_x_peak] | median | r3), load_cpu_pct: ([$s[].load_cpu_pct] | median | r3),
           target: "goodput >= 90 % of peak, 2xx p99 <= 10 ms, no errors, no non-2xx but 503, no OutOfMemoryError"}
          | .pass = (.rounds > 0 and .goodput_pct_of_peak >= 90 and .p99_2xx_us != null and .p99_2xx_us <= 10000
                     and .errors == 0 and .only_503 and .out_of_memory_errors == 0)]}} else {} end)
    + (if ($st | length) > 0 then {sigterm: {
        samples: $st,
        summary: {rounds: ($st | length), lost: ([$st[].lost // null] | add), failed: ([$st[].failed // null] | add),
                  failed_on_new_connections: ([$st[].failed_on_new_connections // null] | add),
                  exit_codes: [$st[].exit_code], exit_after_s: [$st[].exit_after_s],
                  target: "no request lost on a served connection, exit status 0 within the grace period",
                  pass: ([$st[] | .pass // false] | all)}}} else {} end)
    + (if ($mem | length) > 0 then {memory: {
        samples: $mem,
        summary: {rounds: ($mem | length), alive: [$mem[] | .alive // false], out_of_memory_lines: ([$mem[].out_of_memory_lines // 0] | add),
                  recovered_after_s: [$mem[].recovered_after_s], good_errors: ([$mem[].good.errors // null] | add),
                  target: "alive, no OutOfMemoryError, good connections answered 200 or 503 with no error, a new connection served within 30 s of the end",
                  pass: ([$mem[] | .pass // false] | all)}}} else {} end)'
}

# The Markdown table of a results file.
render_md() { # results.json
  jq -r '
    def f: if . == null then "-" elif type == "number" then (if . == (. | floor) then tostring else (. * 100 | round / 100 | tostring) end) else tostring end;
    def ms: if . == null then "-" else (. / 1000 | . * 100 | round / 100 | tostring) end;
    def verdict: if . then "pass" else "FAIL" end;
    "## surge bench overload: \(.machine.commit) (\(.parameters.rounds) round(s), \(.parameters.timestamp))\n",
    "Server: reference service on CPU \(.parameters.server_cpu) (ActiveProcessorCount=1), args `\(.parameters.server_args)`; load on CPU(s) \(.parameters.load_cpus).\n",
    (if .slowloris then
      "### Slowloris: \(.parameters.slowloris.connections) connections (a header byte every \(.parameters.slowloris.interval_s) s) beside \(.parameters.good_connections) good keep-alive connections on /plaintext, \(.parameters.duration_s) s runs, after \(.parameters.slowloris.warmup_s // 0) s of the attack unmeasured (JIT warm-up)\n",
      "| round | alone req/s | with req/s | with/alone | alone p99 ms | with p99 ms | server CPU µs/req alone / with | load CPU % alone / with | slowloris CPU % | slowloris open | server open files | slowloris conns ended by server / 408s / refused |",
      "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
      ((.slowloris.samples | group_by(.round))[] | . as $g |
        ($g | map(select(.mode == "alone"))[0]) as $a | ($g | map(select(.mode == "with"))[0]) as $w |
        "| \($g[0].round) | \($a.rps | f) | \($w.rps | f) | \(if $a.rps and $w.rps then ($w.rps / $a.rps | f) else "-" end) | \($a.p99_us | ms) | \($w.p99_us | ms) | \($a.cpu_us_per_request | f) / \($w.cpu_us_per_request | f) | \($a.load_cpu_pct | f) / \($w.load_cpu_pct | f) | \($w.slowloris_cpu_pct | f) | \($w.slowloris_open_before | f) | \($w.server_open_files | f) | \(if $w.slowloris then ($w.slowloris.closed_by_server + $w.slowloris.resets) else null end | f) / \($w.slowloris.answers_408 // null | f) / \(if $w.slowloris then ($w.slowloris.connect_failures + $w.slowloris.connect_timeouts) else null end | f) |"),
      "| **median** | \(.slowloris.summary.alone_rps | f) | \(.slowloris.summary.with_rps | f) | **\(.slowloris.summary.ratio | f)** | \(.slowloris.summary.alone_p99_us | ms) | \(.slowloris.summary.with_p99_us | ms) | \(.slowloris.summary.alone_cpu_us_per_request | f) / \(.slowloris.summary.with_cpu_us_per_request | f) | | \(.slowloris.summary.slowloris_cpu_pct | f) | \(.slowloris.summary.slowloris_open | f) | | |\n",
      "Target \(.slowloris.summary.target), no errors on the good connections: **\(.slowloris.summary.pass | verdict)** (good-connection errors: \(.slowloris.summary.good_errors)). The server CPU per good request, alone over with the attack (median of the rounds): \(.slowloris.summary.cpu_ratio | f) (the share of its throughput the server could keep were it the only limit; the attack itself runs on the load CPU, beside the good clients).\n"
    else empty end),
    (if .overload then
      "### Open-loop overload: \(.parameters.overload.factor)x the closed-loop peak for \(.parameters.overload.seconds) s over \(.parameters.overload.open_connections) connections (peak: the best of closed loops of \(.parameters.overload.peak_connections | map(tostring) | join(", ")) connections)\n",
      "| route | round | peak 2xx/s (conns) | offered req/s | sent req/s (x peak) | load CPU % | goodput 2xx/s | % of peak | 2xx p99 ms | p99 ms (all) | statuses | errors c/r/t/r | server CPU µs/req | OOM |",
      "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|--:|--:|",
      (.overload.samples[] | select(.failed | not) |
        "| \(.route) | \(.round) | \(.peak.rps_2xx | f) (\(.peak.connections)) | \(.offered_rps | f) | \(.sent_rps | f) (\(.sent_x_peak | f)) | \(.load_cpu_pct | f) | \(.goodput_rps | f) | \(.goodput_pct_of_peak | f) | \(.p99_2xx_us | ms) | \(.p99_us | ms) | \(.statuses) | \(.errors.connect)/\(.errors.read)/\(.errors.timeout)/\(.errors.reset) | \(.cpu_us_per_request | f) | \(.out_of_memory_errors) |"),
      (.overload.samples[] | select(.failed) | "| \(.route) | \(.round) | failed: \(.failed) | | | | | | | | | | | |"),
      "",
      (.overload.summary[] | "- \(.route): sent \(.sent_x_peak | f)x the peak (load CPU \(.load_cpu_pct | f) %), median goodput \(.goodput_pct_of_peak | f) % of peak, 2xx p99 \(.p99_2xx_us | ms) ms, errors \(.errors), only 503 besides 2xx: \(.only_503), OutOfMemoryError: \(.out_of_memory_errors): **\(.pass | verdict)**"),
      "\nTarget: \(.overload.summary[0].target). A load generator near 100 % CPU that sent less than the offered rate was itself a limit: its lag counts in the latency (from when each request fell due).\n"
    else empty end),
    (if .sigterm then
      "### SIGTERM under load: \(.parameters.sigterm.connections) keep-alive connections on \(.parameters.sigterm.path) for \(.parameters.sigterm.seconds) s, SIGTERM at \(.parameters.sigterm.at_s) s, \(.parameters.sigterm.grace_s) s grace\n",
      "| round | responses | statuses | lost (read/timeout/reset) | failed on new connections | refused connects | exit status | exit after s | verdict |",
      "|--:|--:|---|--:|--:|--:|--:|--:|---|",
      (.sigterm.samples[] | if .failed | type == "string" then "| \(.round) | failed: \(.failed) | | | | | | | |" else
        "| \(.round) | \(.responses) | \(.statuses) | \(.lost) (\(.errors.read)/\(.errors.timeout)/\(.errors.reset)) | \(.failed_on_new_connections) | \(.refused_connects) | \(.exit_code) | \(.exit_after_s)\(if .killed_after_grace then " (killed)" else "" end) | \(.pass | verdict) |" end),
      "\nTarget \(.sigterm.summary.target): **\(.sigterm.summary.pass | verdict)**.\n"
    else empty end),
    (if .memory then
      "### Memory: a connection flood, \(.parameters.memory.connections) slowloris connections (at most \(.parameters.memory.rate) new a second, a header byte every \(.parameters.memory.interval_s) s) against a \(.parameters.memory.heap) heap, beside 16 good keep-alive connections on /plaintext, \(.parameters.memory.seconds) s\n",
      "| round | alive | OutOfMemoryError lines | shedding episodes | good statuses | good errors (connect) | attack: peak open / opened / 408s / reset | recovered after s | verdict |",
      "|--:|---|--:|--:|---|--:|---|--:|---|",
      (.memory.samples[] | if .failed | type == "string" then "| \(.round) | failed: \(.failed) | | | | | | | |" else
        "| \(.round) | \(if .alive then "yes" else "no (exit \(.exit_code))" end) | \(.out_of_memory_lines) | \(.shedding_episodes) | \(.good.statuses // "-") | \(.good.errors // "-") (\(.good.connect_errors // "-")) | \(.attack.peak_open // "-") / \(.attack.opened // "-") / \(.attack.answers_408 // "-") / \(.attack.resets // "-") | \(.recovered_after_s // "-") | \(.pass | verdict) |" end),
      "\nTarget \(.memory.summary.target): **\(.memory.summary.pass | verdict)**.\n"
    else empty end)' "$1"
}
