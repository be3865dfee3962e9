# shellcheck shell=bash
# report.sh: sourced by peers.sh (and files.sh, for parse_wrk). Reads wrk's output into figures;
# the arithmetic and the reports (medians, ratios, the table, JSON, Markdown and HTML) are Java,
# in surge-bench: dev.surge.bench.peers and dev.surge.bench.html.

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

# The reports of the run, from its samples and facts: the table on stdout, results JSON and
# Markdown in $1 and $2.
write_reports() { # json markdown
  "$SURGE_JDK/bin/java" -cp "$SURGE_BENCH_CP" dev.surge.bench.peers.PeerReportCommand --kind "${BENCH_KIND:-peers}" \
    --samples "$SAMPLES" --parameters "$RUN/parameters.tsv" --machine "$RUN/machine.tsv" --json "$1" --markdown "$2"
}

# Writes the HTML report of results file $1 next to it (the same name, .html) and copies it to
# $2: bar charts of CPU per request, latency per server and the table, as `./surge bench html`
# does. A report that cannot be drawn is a warning, not a failed run: the JSON and Markdown stand.
render_html() { # $1 results JSON, $2 the "latest" copy
  local html=${1%.json}.html
  if "$SURGE_JDK/bin/java" -cp "$SURGE_BENCH_CP" dev.surge.bench.html.HtmlCommand "$1" -o "$html" >/dev/null; then
    cp "$html" "$2"
    echo "peers: HTML report in ${html#"${SURGE_ROOT:-}/"} (and ${2##*/})" >&2
  else
    echo "peers: warning: the HTML report of $1 failed; the JSON and Markdown are written." >&2
  fi
}
