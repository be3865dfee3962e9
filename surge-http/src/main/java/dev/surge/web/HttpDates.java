package dev.surge.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * HTTP dates (RFC 9110 §5.6.7): written as IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37
 * GMT}), read in that form or with a one-digit day. The obsolete RFC 850 and asctime forms
 * are not read; a date that cannot be read is ignored by the rules that use it, as the RFC
 * asks.
 */
final class HttpDates {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    /** {@code epochSecond} as an IMF-fixdate. */
    static String format(long epochSecond) {
        return IMF_FIXDATE.format(Instant.ofEpochSecond(epochSecond));
    }

    /** The epoch second of an HTTP date, or {@link Long#MIN_VALUE} when it is not one. */
    static long parse(String value) {
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }
}
