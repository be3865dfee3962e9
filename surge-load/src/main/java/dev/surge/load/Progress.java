package dev.surge.load;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The live line, once a second, rewritten in place: the last second's requests/s, and the
 * run's p99 and errors so far. Only on a terminal, so that logs and pipes get the report alone.
 */
final class Progress {
    private final PrintStream out;
    private boolean shown;

    private Progress(PrintStream out) {
        this.out = out;
    }

    /** Prints to {@code out} when this process runs on a terminal; else stays silent. */
    static Progress onTerminal(PrintStream out) {
        java.io.Console console = System.console();
        return new Progress(console != null && console.isTerminal() ? out : null);
    }

    void second(Second s) {
        if (out == null) {
            return;
        }
        out.print(String.format(Locale.ROOT, "\r  %4ds  %12s req/s  p99 %9s  errors %s  non-2xx %s   ", s.second(),
                Format.count(s.rps()), Format.micros(s.p99Micros()), Format.count(s.errors()), Format.count(s.non2xx())));
        out.flush();
        shown = true;
    }

    void done() {
        if (shown) {
            out.print("\r" + " ".repeat(79) + "\r");
            out.flush();
        }
    }
}
