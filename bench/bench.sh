#!/usr/bin/env bash
# bench.sh: the `./surge bench` subcommands. The launcher builds the project first and exports
# SURGE_JDK, SURGE_ROOT, SURGE_APP_ARGS, SURGE_LOAD_ARGS and SURGE_BENCH_CP; this script only dispatches.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  cat <<'TXT'
Usage: ./surge bench SUBCOMMAND [FLAGS]

Subcommands:
  peers   serve GET /plaintext from Surge and from peer servers (raw Netty, gin, fasthttp,
          nginx, a bare C epoll loop), one at a time on one pinned core, load each with wrk
          (keep-alive and pipelined) over several rounds in rotating order, and compare the
          medians of requests/s, latency and CPU time per request.
          ./surge bench peers --help lists its flags.
  routes  Surge's own routes side by side, measured as peers are: an inline route
          (/plaintext), the same on a virtual thread (/plaintext/vt) and the JSON route
          (/json). Takes the flags of peers; ./surge bench peers --help.
  metrics what metrics cost: /plaintext and /json as `surge run` serves them by default
          (metrics and admin listener on) and with --no-metrics --admin-port 0, measured
          as peers are. Takes the flags of peers.
  flood   one request in flight on each of up to 100,000 connections, against a slow
          route (GET /delay/{ms}): errors, and the server's memory per connection and per
          request in flight. ./surge bench flood --help.
  files   static files from Surge (surge run --files) and from nginx (plain, and with its
          open-file cache), one pinned core each: a 16 KiB file under wrk and 1 GiB
          downloads with curl; requests/s, throughput and server CPU per request and per
          GiB. ./surge bench files --help.
  overload
          the reference service under attack and overload, on one pinned core: good clients
          beside 10,000 slowloris connections, an open loop at twice the peak rate (goodput,
          p99 of what was served, what was refused), and SIGTERM under load (requests lost,
          exit status). ./surge bench overload --help.
  codec   the HTTP/1.1 codecs alone, in memory (JMH): Surge's against Netty's HttpServerCodec,
          time and bytes allocated per request. ./surge bench codec --help.
  compare OLD.json NEW.json [--json FILE]
          what benchstat does for Go: per figure and row, the old and new medians, the
          change in percent, and whether it is significant given the spread of the repeated
          runs (Mann-Whitney U; "~" when not). Reads peers/routes results and JMH's JSON
          (codec). ./surge bench compare --help.
  html RESULT.json [-o FILE]
          the HTML report of a peers or routes results file (peers and routes write one
          themselves, next to their JSON): CPU µs per request as bars with the rounds'
          spread, p50/p99 per server, and the table; inline SVG, renders offline.

Results go to stdout and to bench/results/ (peers and routes: JSON, Markdown and HTML).
TXT
}

cmd="${1:-}"
[[ $# -gt 0 ]] && shift
case "$cmd" in
  peers)
    exec "$HERE/peers.sh" "$@"
    ;;
  routes)
    BENCH_KIND=routes exec "$HERE/peers.sh" "$@"
    ;;
  metrics)
    BENCH_KIND=metrics exec "$HERE/peers.sh" "$@"
    ;;
  flood)
    exec "$HERE/flood.sh" "$@"
    ;;
  overload)
    exec "$HERE/overload.sh" "$@"
    ;;
  codec)
    exec "$HERE/codec.sh" "$@"
    ;;
  files)
    exec "$HERE/files.sh" "$@"
    ;;
  compare)
    : "${SURGE_JDK:?run through ./surge bench compare}" "${SURGE_BENCH_CP:?run through ./surge bench compare}"
    exec "$SURGE_JDK/bin/java" -cp "$SURGE_BENCH_CP" dev.surge.bench.compare.CompareCommand "$@"
    ;;
  html)
    : "${SURGE_JDK:?run through ./surge bench html}" "${SURGE_BENCH_CP:?run through ./surge bench html}"
    exec "$SURGE_JDK/bin/java" -cp "$SURGE_BENCH_CP" dev.surge.bench.html.HtmlCommand "$@"
    ;;
  -h|--help|help)
    usage
    ;;
  "")
    usage >&2
    exit 2
    ;;
  *)
    echo "surge bench: unknown subcommand '$cmd'." >&2
    usage >&2
    exit 2
    ;;
esac
