package dev.surge.web.files;

import dev.surge.http.codec.HttpDates;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The header rules of file answers, from strings: ranges, entity tags, gzip acceptance, dates. */
class FileRulesTest {

    private static String range(String header, long size) {
        ByteRange r = ByteRange.parse(header, size);
        return r.satisfiable() ? r.first() + "-" + r.last() : r.kind().name();
    }

    @Test
    void singleRanges() {
        assertEquals("0-0", range("bytes=0-0", 10));
        assertEquals("2-5", range("bytes=2-5", 10));
        assertEquals("5-9", range("bytes=5-", 10));
        assertEquals("7-9", range("bytes=-3", 10));
        assertEquals("0-9", range("bytes=-30", 10), "a suffix longer than the file is the whole file");
        assertEquals("8-9", range("bytes=8-100", 10), "the last byte is clamped to the end");
        assertEquals("2-5", range("Bytes=2-5", 10), "the unit is case-insensitive");
        assertEquals("4294967296-4294967299", range("bytes=4294967296-4294967299", 5L << 30), "offsets beyond 2^32");
        assertEquals("0-9", range("bytes=0-99999999999999999999999", 10), "an overflowing last byte is the end");
    }

    @Test
    void unsatisfiableRanges() {
        assertEquals("UNSATISFIABLE", range("bytes=10-", 10));
        assertEquals("UNSATISFIABLE", range("bytes=10-20", 10));
        assertEquals("UNSATISFIABLE", range("bytes=-0", 10));
        assertEquals("UNSATISFIABLE", range("bytes=0-", 0), "no byte of an empty file exists");
        assertEquals("UNSATISFIABLE", range("bytes=99999999999999999999999-", 10));
    }

    @Test
    void rangesServedWhole() {
        assertEquals("WHOLE", range("bytes=0-1,4-5", 10), "several ranges: the whole file");
        assertEquals("WHOLE", range("bytes=5-2", 10), "last before first is invalid");
        assertEquals("WHOLE", range("bytes=a-b", 10));
        assertEquals("WHOLE", range("bytes=-", 10));
        assertEquals("WHOLE", range("bytes=1", 10));
        assertEquals("WHOLE", range("items=0-1", 10));
        assertEquals("WHOLE", range("bytes=+1-2", 10));
        assertEquals("WHOLE", range("", 10));
    }

    @Test
    void entityTagLists() {
        String tag = "\"abc-1\"";
        assertTrue(EntityTags.matches("\"abc-1\"", tag, true));
        assertTrue(EntityTags.matches("*", tag, true));
        assertTrue(EntityTags.matches("\"x\", \"abc-1\"", tag, true));
        assertTrue(EntityTags.matches("W/\"abc-1\"", tag, false), "the weak comparison ignores W/");
        assertFalse(EntityTags.matches("W/\"abc-1\"", tag, true), "the strong comparison never matches a weak tag");
        assertFalse(EntityTags.matches("\"abc-12\"", tag, false));
        assertFalse(EntityTags.matches("\"abc\"", tag, false));
        assertFalse(EntityTags.matches("abc-1", tag, false), "an unquoted tag is not an entity tag");
        assertFalse(EntityTags.matches("", tag, false));
    }

    @Test
    void gzipAcceptance() {
        assertTrue(FileSender.acceptsGzip("gzip"));
        assertTrue(FileSender.acceptsGzip("br, gzip;q=0.5, deflate"));
        assertTrue(FileSender.acceptsGzip("GZIP"));
        assertTrue(FileSender.acceptsGzip("x-gzip"));
        assertTrue(FileSender.acceptsGzip("*"));
        assertFalse(FileSender.acceptsGzip("gzip;q=0"));
        assertFalse(FileSender.acceptsGzip("*, gzip;q=0"), "an explicit refusal beats the wildcard");
        assertFalse(FileSender.acceptsGzip("br, deflate"));
        assertFalse(FileSender.acceptsGzip(""));
        assertFalse(FileSender.acceptsGzip("identity"));
    }

    @Test
    void httpDates() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.format(784111777));
        assertEquals(784111777, HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT"));
        assertEquals(784111777, HttpDates.parse("Sun, 6 Nov 1994 08:49:37 GMT"));
        assertEquals(Long.MIN_VALUE, HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT"), "RFC 850 dates are not read");
        assertEquals(Long.MIN_VALUE, HttpDates.parse("yesterday"));
    }

    @Test
    void handWrittenDatesMatchJavaTime() {
        var reference = java.time.format.DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US)
                .withZone(java.time.ZoneOffset.UTC);
        java.util.Random random = new java.util.Random(1);
        long[] edges = {0, 86399, 86400, 951782400 /* 2000-02-29 */, 951868800, 4107542400L /* 2100-03-01 */,
                253402300799L /* 9999-12-31 23:59:59 */, 253402300800L, -1};
        for (long second : edges) {
            assertEquals(reference.format(java.time.Instant.ofEpochSecond(second)), HttpDates.format(second), "at " + second);
        }
        for (int i = 0; i < 100_000; i++) {
            long second = Math.floorMod(random.nextLong(), 253402300800L);
            assertEquals(reference.format(java.time.Instant.ofEpochSecond(second)), HttpDates.format(second), "at " + second);
        }
    }

    @Test
    void mediaTypes() {
        assertEquals("text/html; charset=utf-8", MediaTypes.of("index.html").value());
        assertEquals("text/css; charset=utf-8", MediaTypes.of("a.CSS").value());
        assertEquals("text/javascript; charset=utf-8", MediaTypes.of("app.min.js").value());
        assertEquals("image/png", MediaTypes.of("logo.png").value());
        assertEquals("application/octet-stream", MediaTypes.of("data.bin").value());
        assertEquals("application/octet-stream", MediaTypes.of("Makefile").value());
        assertEquals("application/octet-stream", MediaTypes.of("trailing.").value());
    }
}
