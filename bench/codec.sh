#!/usr/bin/env bash
# codec.sh: `./surge bench codec`. The HTTP/1.1 codecs alone, in memory (JMH): Surge's
# connection handler against Netty's HttpServerCodec, one request per read and sixteen
# pipelined, with JMH's GC profiler for the bytes allocated per request.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RESULTS="$HERE/results"

usage() {
  cat <<'TXT'
Usage: ./surge bench codec [--quick] [JMH ARGS]

Runs dev.surge.bench.CodecBenchmark pinned to CPU 0 with -prof gc. Scores are ns per request;
gc.alloc.rate.norm is bytes allocated per request. The JSON goes to
bench/results/codec-<UTC time>.json. Extra arguments go to JMH (e.g. -f 2, or a regex
such as 'CodecBenchmark.surge.*').

  --quick     one short iteration each (a smoke test, not a measurement)
TXT
}

args=()
for a in "$@"; do
  case "$a" in
    -h|--help) usage; exit 0 ;;
    --quick) args+=(-wi 1 -i 1 -w 1 -r 1) ;;
    *) args+=("$a") ;;
  esac
done
: "${SURGE_JDK:?run through ./surge bench codec}" "${SURGE_BENCH_CP:?run through ./surge bench codec}"
mkdir -p "$RESULTS"
out="$RESULTS/codec-$(date -u +%Y%m%dT%H%M%SZ).json"
cpu=(); taskset -c 0 true 2>/dev/null && cpu=(taskset -c 0)
"${cpu[@]}" "$SURGE_JDK/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "$SURGE_BENCH_CP" org.openjdk.jmh.Main CodecBenchmark -prof gc -rf json -rff "$out" "${args[@]}"
echo "codec: results in ${out#"${SURGE_ROOT:-}/"}" >&2
