#!/usr/bin/env bash
# debian-packages.sh PACKAGE...: makes sure these Debian packages are installed, for the scripts
# that need a tool: shellcheck for ./surge test, wrk, nginx and Go for the benchmarks, and the
# engines of the tiers to come. When every one is installed it does nothing and fetches nothing.
# Otherwise it refreshes the package lists once and installs the missing ones, as root or through
# sudo where that needs no password; anyone else is told what to install.
# Exit status: 0 when every package is installed, 1 when some could not be, 2 on bad usage.
set -euo pipefail

if [[ $# -eq 0 || $1 == -h || $1 == --help ]]; then
  echo "Usage: tools/debian-packages.sh PACKAGE... (installs those of them that are missing)" >&2
  [[ $# -eq 0 ]] && exit 2
  exit 0
fi
for pkg in "$@"; do
  [[ $pkg =~ ^[a-z0-9][a-z0-9+.-]+$ ]] || { echo "debian-packages: '$pkg' is not a Debian package name" >&2; exit 2; }
done

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "debian-packages: this is not a Debian system (no dpkg-query or apt-get); install $* with its package manager." >&2
  exit 1
fi

installed() { # package
  [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true) == "install ok installed" ]]
}

missing=()
for pkg in "$@"; do
  installed "$pkg" || missing+=("$pkg")
done
((${#missing[@]} == 0)) && exit 0

as_root=()
if [[ $EUID -ne 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "debian-packages: missing Debian packages: ${missing[*]}. Install them as root" \
      "(apt-get update && apt-get install -y ${missing[*]}), or run this as root." >&2
    exit 1
  fi
fi
echo "debian-packages: installing ${missing[*]}" >&2
# The lists are refreshed only now that something is missing: an installed machine stays offline.
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
for pkg in "${missing[@]}"; do
  installed "$pkg" || { echo "debian-packages: $pkg is still not installed; see apt-get's output above." >&2; exit 1; }
done
