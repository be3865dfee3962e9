#!/usr/bin/env bash
# tools/shellcheck.sh: shellcheck over every shell script of the repository, following what
# they source: files named *.sh, and any file whose first line is a bash or sh shebang (./surge,
# .ci/run). Prints the findings and fails when there are any; a finding is fixed, or disabled on
# its line with the reason beside it. ./surge test runs it before Maven. shellcheck itself is
# installed with tools/debian-packages.sh when it is missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

command -v shellcheck >/dev/null || "$ROOT/tools/debian-packages.sh" shellcheck

# The files to look at: git's tracked and not-ignored ones (a new script counts before it is
# added), or, outside a git checkout, every file but the build outputs.
candidates() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard
  else
    find . \( -name .git -o -name target -o -path ./bench/build -o -path ./fuzz/corpus \) -prune \
      -o -type f -printf '%P\0'
  fi
}

scripts=()
while IFS= read -r -d '' file; do
  [[ -f $file ]] || continue # tracked, but deleted in the work tree
  if [[ $file == *.sh ]]; then
    scripts+=("$file")
  elif IFS= read -r first <"$file" 2>/dev/null && [[ $first =~ ^\#!.*[/[:space:]](ba)?sh([[:space:]]|$) ]]; then
    scripts+=("$file")
  fi
done < <(candidates | sort -z -u)

if ((${#scripts[@]} == 0)); then
  echo "shellcheck: no scripts found under $ROOT" >&2
  exit 1
fi
if ! shellcheck --external-sources "${scripts[@]}"; then
  echo "shellcheck: the findings above fail the build; fix them, or disable one on its line with the reason beside it." >&2
  exit 1
fi
echo "shellcheck: ${#scripts[@]} scripts, no findings" >&2
