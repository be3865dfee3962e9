package dev.surge.http.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * HTTP dates (RFC 9110 §5.6.7), for the Date line and for files' Last-Modified: written as IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37
 * GMT}), read in that form or with a one-digit day. The obsolete RFC 850 and asctime forms
 * are not read; a date that cannot be read is ignored by the rules that use it, as the RFC
 * asks.
 */
public final class HttpDates {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    /**
     * {@code epochSecond} as an IMF-fixdate. Written by hand, as a file's Last-Modified is
     * written for every response: DateTimeFormatter took a microsecond and a dozen objects.
     * The civil date comes from the day count by Howard Hinnant's {@code civil_from_days}.
     */
    public static String format(long epochSecond) {
        if (epochSecond < 0 || epochSecond >= 253402300800L) {  // outside years 1970-9999
            return IMF_FIXDATE.format(Instant.ofEpochSecond(epochSecond));
        }
        long days = epochSecond / 86400;
        int secondOfDay = (int) (epochSecond % 86400);
        long z = days + 719468;
        long era = z / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        char[] out = new char[29];
        DAYS[(int) ((days + 3) % 7)].getChars(0, 3, out, 0);  // 1970-01-01 was a Thursday
        out[3] = ',';
        out[4] = ' ';
        two(out, 5, day);
        out[7] = ' ';
        MONTHS[month - 1].getChars(0, 3, out, 8);
        out[11] = ' ';
        two(out, 12, (int) (year / 100));
        two(out, 14, (int) (year % 100));
        out[16] = ' ';
        two(out, 17, secondOfDay / 3600);
        out[19] = ':';
        two(out, 20, secondOfDay / 60 % 60);
        out[22] = ':';
        two(out, 23, secondOfDay % 60);
        out[25] = ' ';
        out[26] = 'G';
        out[27] = 'M';
        out[28] = 'T';
        return new String(out);
    }

    private static void two(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }

    /** The epoch second of an HTTP date, or {@link Long#MIN_VALUE} when it is not one. */
    public static long parse(String value) {
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }
}
