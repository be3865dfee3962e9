# shellcheck shell=bash
# flags.sh: sourced by the bench scripts that take flags (peers, files, overload): their one flag
# loop and the checks of a flag's value. BENCH_CMD names the subcommand in messages; a bad flag
# ends the script with exit code 2 and one line saying what was wrong.

die_usage() { echo "$BENCH_CMD: $1 (./surge bench $BENCH_CMD --help lists the flags)" >&2; exit 2; }

# Accepts a whole number within [lo, hi] for flag $1, or exits with usage.
bounded() { # flag value lo hi
  if ! [[ $2 =~ ^[0-9]+$ ]] || (($2 < $3 || $2 > $4)); then
    die_usage "$1 wants a whole number from $3 to $4, not '$2'"
  fi
  echo "$2"
}

# Accepts a number above 0 (decimals allowed) for flag $1, or exits with usage.
positive() { # flag value
  [[ $2 =~ ^[0-9]+(\.[0-9]+)?$ && $2 =~ [1-9] ]] || die_usage "$1 wants a number above 0, not '$2'"
  echo "$2"
}

# Whether --quick was given: a smoke test, whose defaults are short.
quick() { ((QUICK)); }

# The flag loop: -h/--help prints the script's usage and exits 0, --quick sets QUICK=1, and every
# other flag takes one value and goes to the script's own take_flag FLAG VALUE, which sets what
# the flag names or calls die_usage.
parse_flags() {
  QUICK=0
  while (($# > 0)); do
    case $1 in
      -h|--help) usage; exit 0 ;;
      --quick) QUICK=1; shift; continue ;;
    esac
    (($# >= 2)) || die_usage "$1 needs a value"
    take_flag "$1" "$2"
    shift 2
  done
}
