# flags.sh: sourced by the bench scripts that take flags. BENCH_CMD names the subcommand
# (peers, files) in messages; a bad flag ends the script with exit code 2.

die_usage() { echo "$BENCH_CMD: $1" >&2; echo "Run './surge bench $BENCH_CMD --help' for the flags." >&2; exit 2; }

# Accepts a whole number within [lo, hi] for flag $1, or exits with usage.
bounded() { # flag value lo hi
  [[ $2 =~ ^[0-9]+$ ]] && (($2 >= $3 && $2 <= $4)) || die_usage "$1 wants a whole number from $3 to $4, not '$2'"
  echo "$2"
}
