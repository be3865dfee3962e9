# medians.sh: sourced by peers.sh. Folds the samples of every round (see measure.sh) into one
# result row per server and mode. Medians, not means: on a shared, noisy machine one disturbed
# round would drag a mean along, while the median of three ignores it. The min-max of CPU per
# request is kept beside it so a reader can see how far the samples spread.
#
# Result rows (tab-separated): server mode status rounds_ok rounds rps p50_us p99_us
# cpu_us_per_req cpu_min cpu_max user_us_per_req sys_us_per_req requests non_2xx socket_errors.
# Numbers are medians over the samples that succeeded, except requests and the error counts,
# which are sums; "-" where no sample had a value. status is "ok" when every round succeeded,
# else the first failure's reason.

summarize_samples() { # $1 samples file, $2 the servers in report order (space-separated)
  awk -v order="$2" '
    BEGIN {
      FS = "\t"
      nsrv = split(order, servers, " ")
      nmode = split("keepalive pipelined close", modes, " ")
      # Sample columns for each median, by name: 6 rps, 7 p50, 8 p99, 9 cpu, 10 user, 11 sys.
      ncol = split("6 7 8 9 10 11", cols, " ")
    }
    {
      k = $3 SUBSEP $4
      rounds[k]++
      if ($5 != "ok") { if (!(k in reason)) reason[k] = $5; next }
      ok[k]++
      for (c = 1; c <= ncol; c++)
        if ($(cols[c]) != "-") { m = ++cnt[k, cols[c]]; val[k, cols[c], m] = $(cols[c]) + 0 }
      requests[k] += $12; non2xx[k] += $13; sock[k] += $14
    }
    # Sorts the m values of column c of key k into s[1..m] (insertion sort: m is a few rounds).
    function sorted(k, c, m,   i, j, x) {
      for (i = 1; i <= m; i++) {
        x = val[k, c, i]
        for (j = i - 1; j >= 1 && s[j] > x; j--) s[j + 1] = s[j]
        s[j + 1] = x
      }
    }
    function median(k, c,   m) {
      m = cnt[k, c] + 0
      if (m == 0) return "-"
      sorted(k, c, m)
      return sprintf("%.3f", m % 2 ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2)
    }
    function lowest(k, c) { if (cnt[k, c] + 0 == 0) return "-"; sorted(k, c, cnt[k, c]); return s[1] }
    function highest(k, c) { if (cnt[k, c] + 0 == 0) return "-"; sorted(k, c, cnt[k, c]); return s[cnt[k, c]] }
    END {
      for (i = 1; i <= nsrv; i++)
        for (j = 1; j <= nmode; j++) {
          k = servers[i] SUBSEP modes[j]
          if (!(k in rounds)) continue
          st = (ok[k] + 0 == rounds[k]) ? "ok" : reason[k]
          sums = ok[k] + 0 > 0 ? requests[k] "\t" non2xx[k] "\t" sock[k] : "-\t-\t-"
          printf "%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", servers[i], modes[j], st,
            ok[k], rounds[k], median(k, 6), median(k, 7), median(k, 8), median(k, 9),
            lowest(k, 9), highest(k, 9), median(k, 10), median(k, 11), sums
        }
    }' "$1"
}
