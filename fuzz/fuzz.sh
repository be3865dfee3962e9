#!/usr/bin/env bash
# fuzz.sh: `./surge fuzz`. Runs one of the Jazzer fuzz tests in fuzzing mode for a while. The
# launcher exports SURGE_ROOT and puts a JDK 25 and Maven on the PATH.
set -euo pipefail
ROOT="${SURGE_ROOT:?run through ./surge fuzz}"

usage() {
  cat <<'TXT'
Usage: ./surge fuzz [TARGET] [DURATION]

Fuzzes one target with Jazzer (libFuzzer inside the JVM, coverage-guided) for DURATION
(default 60s; e.g. 90s, 10m, 1h; a bare number is seconds):

  parser  (default) the HTTP/1.1 request parser alone, with small limits:
          dev.surge.http.codec.RequestParserFuzzTest#parse (surge-http)
  path    bytes in, answers out: one in-memory connection to a real server and an App
          with inline, virtual-thread, path-parameter, echo, streaming and file routes:
          dev.surge.client.wire.RequestPathFuzzTest#serve (surge-client)

Each test's javadoc lists the properties it checks. Inputs that reach new coverage go to
fuzz/corpus/TARGET/ (not in git; the next run starts from it). A failing input is written
to the test's inputs directory, src/test/resources/<package>/<Test>Inputs/<method>/, named
crash-<sha1>, where ./surge test replays it with the seeds from then on: fix the bug, keep
the file. The run ends with libFuzzer's figures (executions, exec/s, cov, ft).
TXT
}

target=parser
duration=60s
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
esac
if [[ $# -gt 2 ]]; then
  echo "surge fuzz: too many arguments; usage: ./surge fuzz [parser|path] [DURATION]" >&2
  exit 2
fi
[[ $# -ge 1 ]] && target="$1"
[[ $# -ge 2 ]] && duration="$2"

# The parser allocates only unpooled heap buffers, whose bytes the test counts exactly for
# each input, so Netty's leak detector (which records a stack per access) is turned off for
# speed (Maven warns that the property is set twice; this setting wins). The path test needs
# the detector to see the server's pooled buffers: it stays at the tests' paranoid level.
case "$target" in
  parser) module=surge-http; test=dev.surge.http.codec.RequestParserFuzzTest; method=parse
          flags=(-Dio.netty.leakDetection.level=disabled) ;;
  path) module=surge-client; test=dev.surge.client.wire.RequestPathFuzzTest; method=serve; flags=() ;;
  *) echo "surge fuzz: unknown target '$target': use parser or path" >&2; exit 2 ;;
esac
if [[ "$duration" =~ ^[1-9][0-9]*$ ]]; then
  duration="${duration}s"
elif ! [[ "$duration" =~ ^[1-9][0-9]*[smh]$ ]]; then
  echo "surge fuzz: bad duration '$duration': use a number of seconds, or e.g. 90s, 10m, 1h" >&2
  exit 2
fi

corpus="$ROOT/fuzz/corpus/$target"
package_dir="${test%.*}"
inputs="$ROOT/$module/src/test/resources/${package_dir//.//}/${test##*.}Inputs/$method"
mkdir -p "$corpus"
before="$(find "$inputs" -name 'crash-*' 2>/dev/null | sort)"

cd "$ROOT"
echo "surge fuzz: building $module..." >&2
mvn -B -q -DskipTests install -pl "$module" -am 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g' >&2
echo "surge fuzz: fuzzing $target ($test#$method) for $duration; corpus in ${corpus#"$ROOT/"}" >&2
# jazzer.internal.arg.N are libFuzzer's arguments as Jazzer's JUnit runner reads them: the
# first directory is where libFuzzer writes new inputs. Jazzer prints a line for each class
# it instruments; those are left out.
set +e
JAZZER_FUZZ=1 mvn -B test -pl "$module" -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
  -Djazzer.max_duration="$duration" -Djazzer.internal.arg.0="$test" -Djazzer.internal.arg.1="$corpus" \
  "${flags[@]}" 2>&1 \
  | sed -u 's/\x1b\[[0-9;]*m//g' | grep --line-buffered -v '^INFO: Instrumented '
status=${PIPESTATUS[0]}
set -e

after="$(find "$inputs" -name 'crash-*' 2>/dev/null | sort)"
found="$(comm -13 <(echo "$before") <(echo "$after") | sed '/^$/d')"
echo "surge fuzz: corpus ${corpus#"$ROOT/"} holds $(find "$corpus" -type f | wc -l) inputs" >&2
if [[ -n "$found" ]]; then
  echo "surge fuzz: failing inputs saved (replayed by ./surge test):" >&2
  while IFS= read -r input; do echo "  ${input#"$ROOT/"}" >&2; done <<<"$found"
fi
exit "$status"
