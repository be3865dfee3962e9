package dev.surge.http.codec;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Server} and {@code Date} header lines, encoded together once a second rather
 * than once a response (RFC 9110 §6.6.1 needs only one-second resolution).
 */
public final class DateHeader {

    private volatile byte[] lines;

    public DateHeader() {
        refresh();
    }

    /** Re-encodes the lines for the current second. */
    public void refresh() {
        String date = HttpDates.format(System.currentTimeMillis() / 1000);
        lines = ("Server: surge\r\nDate: " + date + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Milliseconds until the next second starts, when {@link #refresh()} should run again. */
    public static long millisToNextSecond() {
        return 1000 - System.currentTimeMillis() % 1000;
    }

    byte[] lines() {
        return lines;
    }
}
