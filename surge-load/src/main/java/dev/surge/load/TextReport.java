package dev.surge.load;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.Locale;

/** The report on standard output, in the spirit of wrk's. */
final class TextReport {
    static final double[] PERCENTILES = {50, 75, 90, 99, 99.9, 99.99};

    private TextReport() {
    }

    static void print(LoadResult r, PrintStream out) {
        LoadOptions o = r.options();
        Snapshot t = r.total();
        Histogram h = t.latency;
        out.printf(Locale.ROOT, "surge load %s %s: %s, %d connection(s), %d thread(s), %s%n", o.request().method(),
                o.request().uri(), Format.micros(o.duration().toNanos() / 1000.0), o.connections(), o.threads(), mode(o));
        out.printf(Locale.ROOT, "  requests    %s in %.2fs, %s req/s, %s/s read%n", Format.count(t.responses), r.seconds(),
                Format.count(r.rps()), Format.bytes(t.bytes / r.seconds()));
        out.println(percentiles("  latency    ", h));
        if (h.getTotalCount() > 0) {
            out.printf(Locale.ROOT, "              mean %s, stdev %s%s%n", Format.micros(h.getMean()), Format.micros(h.getStdDeviation()),
                    o.openLoop() ? ", counted from when each request fell due" : "");
        }
        if (t.non2xx() > 0) { // the served and the refused apart, when there are both
            out.println(percentiles("    2xx      ", t.latency2xx()));
            out.println(percentiles("    non-2xx  ", t.non2xxLatency));
        }
        StringBuilder s = new StringBuilder("  status     ");
        boolean any = false;
        for (int code = 0; code < t.statuses.length; code++) {
            if (t.statuses[code] > 0) {
                s.append(any ? ", " : " ").append(code).append(": ").append(Format.count(t.statuses[code]));
                any = true;
            }
        }
        out.println(any ? s : "  status      no responses");
        StringBuilder e = new StringBuilder("  errors     ");
        for (ErrorKind k : ErrorKind.values()) {
            e.append(' ').append(k.label()).append(' ').append(Format.count(t.errors[k.ordinal()])).append(',');
        }
        out.println(e.append(" non-2xx ").append(Format.count(t.non2xx())));
        if (t.newConnectionErrors > 0) {
            out.printf(Locale.ROOT, "              %s of the read, timeout and reset errors came before their connection's first response%n",
                    Format.count(t.newConnectionErrors));
        }
        if (o.openLoop()) {
            String line = String.format(Locale.ROOT, "sent %s of %s scheduled (%s req/s)", Format.count(t.sent),
                    Format.count(r.scheduled()), Format.count(o.rate()));
            if (r.fellBehind()) {
                out.printf(Locale.ROOT, "  WARNING     %s; %s due were never sent: the %d connection(s) could not keep up;"
                        + " add -c (or --pipeline)%n", line, Format.count(r.backlog()), o.connections());
            } else {
                out.println("  schedule    " + line);
            }
        }
        if (r.cpuNanos() >= 0 && t.responses > 0) {
            out.printf(Locale.ROOT, "  client      %.2f µs CPU per response%s, %s transport%n", r.cpuNanos() / 1000.0 / t.responses,
                    r.allocatedBytes() >= 0 ? String.format(Locale.ROOT, ", %.1f bytes allocated per response on its I/O threads",
                            (double) r.allocatedBytes() / t.responses) : "", r.transport());
        }
        printWatched(r, out);
    }

    static void printWatched(LoadResult r, PrintStream out) {
        if (r.watched() == null || r.total().responses == 0) {
            return;
        }
        // /proc counts in USER_HZ ticks, 100 a second on Linux whatever the kernel's own HZ.
        double user = r.watched().user() * 10_000.0;
        double system = r.watched().system() * 10_000.0;
        out.printf(Locale.ROOT, "  pid %-7d %.2f µs CPU per response (%.2f user, %.2f system)%n", r.options().cpuOf(),
                (user + system) / r.total().responses, user / r.total().responses, system / r.total().responses);
    }

    /** {@code prefix}, then the histogram's percentiles and max. */
    private static String percentiles(String prefix, Histogram h) {
        StringBuilder p = new StringBuilder(prefix);
        for (double q : PERCENTILES) {
            p.append(String.format(Locale.ROOT, " p%s %s", label(q), Format.micros(h.getValueAtPercentile(q))));
        }
        return p.append(" max ").append(Format.micros(h.getMaxValue())).toString();
    }

    static String mode(LoadOptions o) {
        String depth = o.pipeline() > 1 ? "pipelined x" + o.pipeline() : "keep-alive";
        return o.openLoop() ? String.format(Locale.ROOT, "open loop at %s req/s, %s", Format.count(o.rate()), depth)
                : "closed loop, " + depth;
    }

    static String label(double q) {
        return q == Math.rint(q) ? String.valueOf((long) q) : String.valueOf(q);
    }
}
