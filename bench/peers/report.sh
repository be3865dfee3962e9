# report.sh: sourced by peers.sh. Reads wrk's output, and renders the result rows (medians per
# server and mode, see medians.sh) and the samples behind them (see measure.sh) as the stdout
# table, Markdown and JSON (awk only: no Python where this runs), and the JSON as HTML (Java, in
# surge-bench: dev.surge.bench.html).

# Prints "rps p50_us p99_us requests non_2xx socket_errors" from the output of `wrk --latency`.
parse_wrk() {
  awk '
    function us(v,   n) {                       # "812.00us", "1.25ms", "2.00s", "1.00m" -> µs
      n = v + 0
      if (v ~ /us$/) return n
      if (v ~ /ms$/) return n * 1000
      if (v ~ /m$/) return n * 60000000
      if (v ~ /s$/) return n * 1000000
      return n
    }
    /Latency Distribution/ { dist = 1 }
    dist && $1 == "50%" { p50 = us($2) }
    dist && $1 == "99%" { p99 = us($2) }
    / requests in / { requests = $1 }
    /Socket errors:/ { sock = ($4 + 0) + ($6 + 0) + ($8 + 0) + ($10 + 0) }
    /Non-2xx or 3xx responses:/ { non2xx = $NF + 0 }
    /^Requests\/sec:/ { rps = $2 }
    # wrk prints 0 for a percentile its coordinated-omission correction pushed out of its
    # histogram (it happens with pipelining): that is "unknown", not zero.
    function pct(v) { return v > 0 ? sprintf("%.0f", v) : "-" }
    END {
      if (rps == "" || requests == "") exit 1
      printf "%s %s %s %s %d %d\n", rps, pct(p50), pct(p99), requests, non2xx, sock
    }' "$1"
}

# The awk program shared by the renderers: loads the result rows and Surge's medians per mode,
# so each row can be given as a ratio of Surge's (CPU per request: lower is better; requests/s:
# higher). Ratios of medians, not medians of per-round ratios: Surge and its peer were not
# measured at the same moment, so pairing them by round would pair nothing.
RATIOS_AWK='
  BEGIN { FS = "\t" }
  {
    n++; srv[n] = $1; mode[n] = $2; st[n] = $3; nok[n] = $4; nall[n] = $5
    rps[n] = $6; p50[n] = $7; p99[n] = $8; cpu[n] = $9; cmin[n] = $10; cmax[n] = $11
    usr[n] = $12; sys[n] = $13; reqs[n] = $14; non2xx[n] = $15; sock[n] = $16
    if ($1 == "surge" && $4 > 0) { surge_cpu[$2] = $9; surge_rps[$2] = $6 }
  }
  function ratio(v, base) { return (v == "-" || base == "" || base == "-" || base + 0 == 0) ? "-" : sprintf("%.2f", v / base) }
  function cpu_ratio(i) { return ratio(cpu[i], surge_cpu[mode[i]]) }
  function rps_ratio(i) { return ratio(rps[i], surge_rps[mode[i]]) }
  function ms(v) { return v == "-" ? "-" : sprintf("%.2f", v / 1000) }
  function num(v, fmt) { return v == "-" ? "-" : sprintf(fmt, v) }
  function errors(i) { return (non2xx[i] == "-") ? "-" : non2xx[i] + sock[i] }
  # "5.12 (4.90-5.60)": the median and the spread of the rounds; the bare median for one round.
  function cpu_spread(i, dash) {
    if (cpu[i] == "-") return "-"
    if (nok[i] < 2) return sprintf("%.2f", cpu[i])
    return sprintf("%.2f (%.2f%s%.2f)", cpu[i], cmin[i], dash, cmax[i])
  }
  # How many rounds succeeded, and why the others did not.
  function status(i) {
    if (st[i] == "ok") return "ok " nok[i] "/" nall[i]
    return (nok[i] > 0 ? "ok " nok[i] "/" nall[i] ", FAILED: " : "FAILED " nok[i] "/" nall[i] ": ") st[i]
  }
'

render_table() { # $1 result rows
  awk "$RATIOS_AWK"'
    END {
      f = "%-9s %-10s %11s %7s %7s %-20s %6s %6s %9s %9s %7s  %s\n"
      # ASCII only: awk pads by bytes, so a "µ" or an en dash would skew the columns.
      printf f, "server", "mode", "requests/s", "p50 ms", "p99 ms", "CPU us/req (min-max)", "user", "sys",
        "CPU/surge", "rps/surge", "errors", "status"
      for (i = 1; i <= n; i++)
        printf f, srv[i], mode[i], num(rps[i], "%.0f"), ms(p50[i]), ms(p99[i]), cpu_spread(i, "-"),
          num(usr[i], "%.2f"), num(sys[i], "%.2f"), cpu_ratio(i), rps_ratio(i), errors(i), status(i)
    }' "$1"
}

render_markdown() { # $1 result rows, $2 a file of "key<TAB>value" lines: parameters and machine
  echo "# surge bench ${BENCH_KIND:-peers}"
  echo
  echo "GET on each server's path (see paths below), one server at a time pinned to one CPU, wrk"
  echo "pinned to another."
  echo "Every server is measured once per round, in an order that rotates from round to round;"
  echo "each number is the median over the rounds that succeeded (the JSON holds every sample)."
  echo "CPU µs/request is the server process's user+system time during the measured run divided"
  echo "by the requests it answered, with the lowest and highest round in brackets; user and sys"
  echo "are the medians of each part alone, so they need not add up to the total exactly."
  echo "×surge columns are ratios of medians to Surge's in the same mode; errors (non-2xx and"
  echo "socket errors) are summed over the rounds. Each measured run follows a warm-up of two"
  echo "wrk runs, so JIT-compiled servers have also met connection teardown before it."
  echo "Latency is wrk's (with its coordinated-omission correction); pipelined, wrk times each"
  echo "batch of requests, so those percentiles are rough, and \"-\" where wrk printed none."
  echo "The close mode (--modes close) sends Connection: close on every request: each one is a"
  echo "new connection, its accept, the request and the close."
  echo
  echo "| | |"
  echo "|---|---|"
  awk -F'\t' '{ printf "| %s | %s |\n", $1, $2 }' "$2"
  echo
  awk "$RATIOS_AWK"'
    END {
      print "| server | mode | requests/s | p50 ms | p99 ms | CPU µs/request (min–max) | user µs | sys µs | CPU ×surge | rps ×surge | errors | status |"
      print "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"
      for (i = 1; i <= n; i++)
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", srv[i], mode[i],
          num(rps[i], "%.0f"), ms(p50[i]), ms(p99[i]), cpu_spread(i, "–"), num(usr[i], "%.2f"),
          num(sys[i], "%.2f"), cpu_ratio(i), rps_ratio(i), errors(i), status(i)
    }' "$1"
}

# JSON string escaping for the few free-text values (CPU model, versions, failure reasons).
json_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\t'/ }
  printf '"%s"' "$s"
}

# The awk helpers both JSON arrays use: "-" is null, text is quoted.
JSON_AWK='
  function j(v) { return (v == "-") ? "null" : v }
  function js(v) { gsub(/\\/, "\\\\", v); gsub(/"/, "\\\"", v); return "\"" v "\"" }
'

render_json() { # $1 result rows, $2 samples, $3 parameters file, $4 machine file ("key<TAB>value")
  local file first key value
  echo "{"
  printf '  "benchmark": "%s",\n' "${BENCH_KIND:-peers}"
  for file in "$3" "$4"; do
    [[ $file == "$3" ]] && echo '  "parameters": {' || echo '  "machine": {'
    first=1
    while IFS=$'\t' read -r key value; do
      [[ $first -eq 1 ]] || echo ","
      first=0
      # Numbers stay numbers; everything else is a string.
      if [[ $value =~ ^[0-9]+(\.[0-9]+)?$ ]]; then printf '    "%s": %s' "$key" "$value"
      else printf '    "%s": %s' "$key" "$(json_string "$value")"; fi
    done <"$file"
    echo
    echo "  },"
  done
  echo '  "results": ['
  awk "$RATIOS_AWK$JSON_AWK"'
    END {
      for (i = 1; i <= n; i++)
        printf "    {\"server\": %s, \"mode\": %s, \"status\": %s, \"rounds\": %d, \"rounds_ok\": %d, \"requests_per_s\": %s, \"p50_us\": %s, \"p99_us\": %s, \"cpu_us_per_request\": %s, \"cpu_us_per_request_min\": %s, \"cpu_us_per_request_max\": %s, \"user_us_per_request\": %s, \"sys_us_per_request\": %s, \"cpu_ratio_to_surge\": %s, \"rps_ratio_to_surge\": %s, \"requests\": %s, \"non_2xx\": %s, \"socket_errors\": %s}%s\n",
          js(srv[i]), js(mode[i]), js(st[i]), nall[i], nok[i], j(rps[i]), j(p50[i]), j(p99[i]), j(cpu[i]),
          j(cmin[i]), j(cmax[i]), j(usr[i]), j(sys[i]), j(cpu_ratio(i)), j(rps_ratio(i)), j(reqs[i]),
          j(non2xx[i]), j(sock[i]), (i < n ? "," : "")
    }' "$1"
  echo "  ],"
  echo '  "samples": ['
  awk -F'\t' "$JSON_AWK"'
    { row[++n] = sprintf("    {\"round\": %d, \"position\": %d, \"server\": %s, \"mode\": %s, \"status\": %s, \"requests_per_s\": %s, \"p50_us\": %s, \"p99_us\": %s, \"cpu_us_per_request\": %s, \"user_us_per_request\": %s, \"sys_us_per_request\": %s, \"requests\": %s, \"non_2xx\": %s, \"socket_errors\": %s}",
        $1, $2, js($3), js($4), js($5), j($6), j($7), j($8), j($9), j($10), j($11), j($12), j($13), j($14)) }
    END { for (i = 1; i <= n; i++) print row[i] (i < n ? "," : "") }' "$2"
  echo "  ]"
  echo "}"
}

# Writes the HTML report of results file $1 next to it (the same name, .html) and copies it to
# $2: bar charts of CPU per request, latency per server and the table, as `./surge bench html`
# does. A report that cannot be drawn is a warning, not a failed run: the JSON and Markdown stand.
render_html() { # $1 results JSON, $2 the "latest" copy
  local html=${1%.json}.html
  if [[ -z ${SURGE_JDK:-} || -z ${SURGE_BENCH_CP:-} ]]; then
    echo "peers: warning: no HTML report (run through ./surge bench, which sets SURGE_JDK and SURGE_BENCH_CP)." >&2
  elif "$SURGE_JDK/bin/java" -cp "$SURGE_BENCH_CP" dev.surge.bench.html.HtmlCommand "$1" -o "$html" >/dev/null; then
    cp "$html" "$2"
    echo "peers: HTML report in ${html#"${SURGE_ROOT:-}/"} (and ${2##*/})" >&2
  else
    echo "peers: warning: the HTML report of $1 failed; the JSON and Markdown are written." >&2
  fi
}
