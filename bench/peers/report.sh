# report.sh: sourced by peers.sh. Reads wrk's output and renders the results (a TSV with one
# row per server and mode) as the stdout table, Markdown and JSON. awk only: no Python where
# this runs.
#
# Result rows (tab-separated): server mode status rps p50_us p99_us cpu_us_per_req requests
# non_2xx socket_errors. status is "ok" or a short reason; numbers are "-" when unknown.

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

# The awk program shared by the renderers: loads the rows and Surge's numbers per mode, so each
# row can be given as a ratio of Surge's (CPU per request: lower is better; requests/s: higher).
RATIOS_AWK='
  BEGIN { FS = "\t" }
  {
    n++; srv[n] = $1; mode[n] = $2; st[n] = $3; rps[n] = $4; p50[n] = $5; p99[n] = $6
    cpu[n] = $7; reqs[n] = $8; non2xx[n] = $9; sock[n] = $10
    if ($1 == "surge" && $3 == "ok") { surge_cpu[$2] = $7; surge_rps[$2] = $4 }
  }
  function ratio(v, base) { return (v == "-" || base == "" || base == "-" || base + 0 == 0) ? "-" : sprintf("%.2f", v / base) }
  function cpu_ratio(i) { return ratio(cpu[i], surge_cpu[mode[i]]) }
  function rps_ratio(i) { return ratio(rps[i], surge_rps[mode[i]]) }
  function ms(v) { return v == "-" ? "-" : sprintf("%.2f", v / 1000) }
  function num(v, fmt) { return v == "-" ? "-" : sprintf(fmt, v) }
  function errors(i) { return (non2xx[i] == "-") ? "-" : non2xx[i] + sock[i] }
'

render_table() {
  awk "$RATIOS_AWK"'
    END {
      f = "%-9s %-10s %11s %8s %8s %10s %9s %9s %7s  %s\n"
      # ASCII headings: awk pads by bytes, so a "µ" would skew the columns.
      printf f, "server", "mode", "requests/s", "p50 ms", "p99 ms", "CPU us/req", "CPU/surge", "rps/surge", "errors", ""
      for (i = 1; i <= n; i++)
        printf f, srv[i], mode[i], num(rps[i], "%.0f"), ms(p50[i]), ms(p99[i]), num(cpu[i], "%.2f"),
          cpu_ratio(i), rps_ratio(i), errors(i), (st[i] == "ok" ? "" : "FAILED: " st[i])
    }' "$1"
}

render_markdown() { # $1 rows, $2 a file of "key<TAB>value" lines: parameters and machine
  echo "# surge bench peers"
  echo
  echo "GET /plaintext, one server at a time pinned to one CPU, wrk pinned to another."
  echo "CPU µs/request is the server process's user+system time during the measured run"
  echo "divided by the requests it answered; ×surge columns are ratios to Surge in the same mode."
  echo "Latency is wrk's (with its coordinated-omission correction); pipelined, wrk times each"
  echo "batch of requests, so those percentiles are rough, and \"-\" where wrk printed none."
  echo
  echo "| | |"
  echo "|---|---|"
  awk -F'\t' '{ printf "| %s | %s |\n", $1, $2 }' "$2"
  echo
  awk "$RATIOS_AWK"'
    END {
      print "| server | mode | requests/s | p50 ms | p99 ms | CPU µs/request | CPU ×surge | rps ×surge | errors | status |"
      print "|---|---|--:|--:|--:|--:|--:|--:|--:|---|"
      for (i = 1; i <= n; i++)
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", srv[i], mode[i], num(rps[i], "%.0f"),
          ms(p50[i]), ms(p99[i]), num(cpu[i], "%.2f"), cpu_ratio(i), rps_ratio(i), errors(i), st[i]
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

render_json() { # $1 rows, $2 parameters file, $3 machine file (both "key<TAB>value")
  local file first key value
  echo "{"
  echo '  "benchmark": "peers",'
  for file in "$2" "$3"; do
    [[ $file == "$2" ]] && echo '  "parameters": {' || echo '  "machine": {'
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
  awk "$RATIOS_AWK"'
    function j(v) { return (v == "-") ? "null" : v }
    function js(v) { gsub(/\\/, "\\\\", v); gsub(/"/, "\\\"", v); return "\"" v "\"" }
    END {
      for (i = 1; i <= n; i++)
        printf "    {\"server\": %s, \"mode\": %s, \"status\": %s, \"requests_per_s\": %s, \"p50_us\": %s, \"p99_us\": %s, \"cpu_us_per_request\": %s, \"cpu_ratio_to_surge\": %s, \"rps_ratio_to_surge\": %s, \"requests\": %s, \"non_2xx\": %s, \"socket_errors\": %s}%s\n",
          js(srv[i]), js(mode[i]), js(st[i]), j(rps[i]), j(p50[i]), j(p99[i]), j(cpu[i]), j(cpu_ratio(i)),
          j(rps_ratio(i)), j(reqs[i]), j(non2xx[i]), j(sock[i]), (i < n ? "," : "")
    }' "$1"
  echo "  ]"
  echo "}"
}
