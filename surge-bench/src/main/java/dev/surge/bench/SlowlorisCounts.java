package dev.surge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link Slowloris} run saw, counted on its one thread; {@link #json} renders it for the
 * status file (a line a second) and the summary at the end.
 */
final class SlowlorisCounts {
    /** Connections that opened. */
    long opened;
    /** Connection attempts refused or failed before they opened. */
    long connectFailures;
    /** Connection attempts that neither opened nor failed within the connect timeout. */
    long connectTimeouts;
    /** Open connections the server ended with a FIN (after an answer or without one). */
    long closedByServer;
    /** Open connections the server reset, or that failed on a read or write. */
    long resets;
    /** Answers by status (the server's 408 for a head that came too slowly, say), one per connection at most. */
    final Map<Integer, Long> answers = new TreeMap<>();
    /** Header bytes trickled, after each connection's request line. */
    long trickled;
    int open;
    int connecting;
    int peakOpen;
    /** Open connections at the end of every whole second of the run. */
    final List<Integer> openTimeline = new ArrayList<>();

    void opened() {
        opened++;
        open++;
        peakOpen = Math.max(peakOpen, open);
    }

    void answer(int status) {
        answers.merge(status, 1L, Long::sum);
    }

    /** One JSON object: the counts, and with {@code summary} the settings and the timeline too. */
    String json(Slowloris.Settings s, double elapsedSeconds, boolean summary) {
        StringBuilder j = new StringBuilder(256).append('{');
        if (summary) {
            j.append(String.format(Locale.ROOT, "\"url\": \"%s\", \"connections\": %d, \"rate\": %d, \"interval_s\": %.3f, "
                    + "\"duration_s\": %d, ", s.url(), s.connections(), s.rate(), s.intervalSeconds(), s.durationSeconds()));
        }
        j.append(String.format(Locale.ROOT, "\"elapsed_s\": %.2f, \"open\": %d, \"connecting\": %d, \"peak_open\": %d, "
                        + "\"opened\": %d, \"connect_failures\": %d, \"connect_timeouts\": %d, \"closed_by_server\": %d, "
                        + "\"resets\": %d, \"answers_408\": %d, \"trickled_bytes\": %d, \"answers\": {",
                elapsedSeconds, open, connecting, peakOpen, opened, connectFailures, connectTimeouts, closedByServer, resets,
                answers.getOrDefault(408, 0L), trickled));
        String sep = "";
        for (Map.Entry<Integer, Long> e : answers.entrySet()) {
            j.append(sep).append('"').append(e.getKey()).append("\": ").append(e.getValue());
            sep = ", ";
        }
        j.append('}');
        if (summary) {
            j.append(", \"open_timeline\": ").append(openTimeline);
        }
        return j.append('}').toString();
    }
}
