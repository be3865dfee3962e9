package dev.surge.web.files;

import dev.surge.http.WireClient;
import dev.surge.web.App;
import dev.surge.web.Served;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code files()} over real sockets: headers, validators, conditional requests, ranges, gzip, directories, path safety. */
class StaticFilesTest {
    private static final String TEXT = "0123456789abcdefghij";
    private static final Instant MODIFIED = Instant.parse("2026-01-02T03:04:05Z");
    private static final String MODIFIED_HTTP = "Fri, 02 Jan 2026 03:04:05 GMT";

    @TempDir
    static Path dir;
    private static Path root;
    private static Served served;
    private static byte[] gzipped;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("secret.txt"), "outside the root");
        write(root.resolve("a.txt"), TEXT);
        write(root.resolve("page.html"), "<p>hi</p>");
        write(root.resolve("data.bin"), "\u0000\u0001");
        write(root.resolve("empty.txt"), "");
        write(root.resolve("with space.txt"), "spaced");
        Files.createDirectories(root.resolve("docs"));
        write(root.resolve("docs/index.html"), "<h1>docs</h1>");
        Files.createDirectories(root.resolve("bare"));
        write(root.resolve("bare/<b>&.txt"), "odd name");
        Files.createDirectories(root.resolve("bare/inner"));
        write(root.resolve("app.js"), "console.log('plain')");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("console.log('plain')".getBytes(StandardCharsets.UTF_8));
        }
        gzipped = gz.toByteArray();
        Files.write(root.resolve("app.js.gz"), gzipped);
        Files.createSymbolicLink(root.resolve("escape.txt"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("outside"), dir);
        Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("a.txt"));
        Files.createSymbolicLink(root.resolve("docs/up"), dir);
        Files.createSymbolicLink(root.resolve("manual"), root.resolve("docs"));
        served = Served.start(App.create()
                .files("/static", root)
                .files("/listed", root, FileOptions.defaults().listing(true).maxAge(Duration.ofHours(1)).indexFile(null))
                .files("/vt", root, FileOptions.defaults().onEventLoop(false))
                .get("/one", ctx -> ctx.file(root.resolve("a.txt"))));
    }

    private static void write(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(MODIFIED));
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        var request = served.at(path);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return served.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static String etag() throws Exception {
        return header(get("/static/a.txt"), "ETag");
    }

    @Test
    void aFileWithItsHeaders() throws Exception {
        var r = get("/static/a.txt");
        assertEquals(200, r.statusCode());
        assertEquals(TEXT, text(r));
        assertEquals("text/plain; charset=utf-8", header(r, "Content-Type"));
        assertEquals("20", header(r, "Content-Length"));
        assertEquals(MODIFIED_HTTP, header(r, "Last-Modified"));
        assertEquals("bytes", header(r, "Accept-Ranges"));
        assertTrue(header(r, "ETag").matches("\"[0-9a-f]+-14\""), header(r, "ETag"));
        assertNull(header(r, "Cache-Control"), "no max-age configured");
        assertEquals("text/html; charset=utf-8", header(get("/static/page.html"), "Content-Type"));
        assertEquals("application/octet-stream", header(get("/static/data.bin"), "Content-Type"));
        assertEquals("spaced", text(get("/static/with%20space.txt")));
        var empty = get("/static/empty.txt");
        assertEquals(200, empty.statusCode());
        assertEquals("0", header(empty, "Content-Length"));
        assertEquals(0, empty.body().length);
        assertEquals("public, max-age=3600", header(get("/listed/a.txt"), "Cache-Control"));
    }

    @Test
    void theEtagChangesWithTheFile() throws Exception {
        Path file = root.resolve("changing.txt");
        write(file, "one");
        String before = header(get("/static/changing.txt"), "ETag");
        write(file, "two!");
        String after = header(get("/static/changing.txt"), "ETag");
        assertNotEquals(before, after);
        Files.setLastModifiedTime(file, FileTime.from(MODIFIED.plusNanos(1000)));
        assertNotEquals(after, header(get("/static/changing.txt"), "ETag"), "a change within the same second shows");
    }

    @Test
    void headHasTheHeadersAndNoBody() throws Exception {
        try (WireClient wire = served.wire()) {
            wire.send("HEAD /static/a.txt HTTP/1.1\r\nHost: x\r\n\r\nGET /static/page.html HTTP/1.1\r\nHost: x\r\n\r\n");
            WireClient.Response head = wire.read(true);
            assertEquals(200, head.status());
            assertEquals("20", head.header("Content-Length"));
            assertEquals("bytes", head.header("Accept-Ranges"));
            assertEquals("<p>hi</p>", wire.read().body(), "the next response follows at once: HEAD sent no body");
        }
    }

    @Test
    void ifNoneMatchGives304() throws Exception {
        String etag = etag();
        var r = get("/static/a.txt", "If-None-Match", etag);
        assertEquals(304, r.statusCode());
        assertEquals(0, r.body().length);
        assertEquals(etag, header(r, "ETag"));
        assertEquals(MODIFIED_HTTP, header(r, "Last-Modified"));
        assertEquals(304, get("/static/a.txt", "If-None-Match", "\"other\", " + etag).statusCode());
        assertEquals(304, get("/static/a.txt", "If-None-Match", "W/" + etag).statusCode(), "weak comparison");
        assertEquals(304, get("/static/a.txt", "If-None-Match", "*").statusCode());
        assertEquals(200, get("/static/a.txt", "If-None-Match", "\"other\"").statusCode());
        assertEquals(200, get("/static/a.txt", "If-None-Match", "\"other\"", "If-Modified-Since", MODIFIED_HTTP).statusCode(),
                "If-None-Match decides; If-Modified-Since is then ignored");
    }

    @Test
    void ifModifiedSince() throws Exception {
        assertEquals(304, get("/static/a.txt", "If-Modified-Since", MODIFIED_HTTP).statusCode());
        assertEquals(304, get("/static/a.txt", "If-Modified-Since", "Sat, 03 Jan 2026 00:00:00 GMT").statusCode());
        assertEquals(200, get("/static/a.txt", "If-Modified-Since", "Thu, 01 Jan 2026 00:00:00 GMT").statusCode());
        assertEquals(200, get("/static/a.txt", "If-Modified-Since", "not a date").statusCode());
        assertEquals(200, get("/static/a.txt", "If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT").statusCode(),
                "a date in the future is invalid, so ignored");
    }

    @Test
    void ifMatchAndIfUnmodifiedSince() throws Exception {
        String etag = etag();
        assertEquals(200, get("/static/a.txt", "If-Match", etag).statusCode());
        assertEquals(412, get("/static/a.txt", "If-Match", "\"other\"").statusCode());
        assertEquals(412, get("/static/a.txt", "If-Match", "W/" + etag).statusCode(), "If-Match compares strongly");
        assertEquals(200, get("/static/a.txt", "If-Unmodified-Since", MODIFIED_HTTP).statusCode());
        assertEquals(412, get("/static/a.txt", "If-Unmodified-Since", "Thu, 01 Jan 2026 00:00:00 GMT").statusCode());
    }

    @Test
    void byteRanges() throws Exception {
        var r = get("/static/a.txt", "Range", "bytes=2-5");
        assertEquals(206, r.statusCode());
        assertEquals("2345", text(r));
        assertEquals("bytes 2-5/20", header(r, "Content-Range"));
        assertEquals("4", header(r, "Content-Length"));
        assertEquals("ghij", text(get("/static/a.txt", "Range", "bytes=-4")));
        assertEquals("fghij", text(get("/static/a.txt", "Range", "bytes=15-")));
        assertEquals("bytes 15-19/20", header(get("/static/a.txt", "Range", "bytes=15-99"), "Content-Range"));
        var past = get("/static/a.txt", "Range", "bytes=20-");
        assertEquals(416, past.statusCode());
        assertEquals("bytes */20", header(past, "Content-Range"));
        assertEquals(TEXT, text(get("/static/a.txt", "Range", "bytes=0-1,4-5")), "several ranges: the whole file");
        assertEquals(200, get("/static/a.txt", "Range", "bytes=x-y").statusCode(), "an unreadable range is ignored");
        try (WireClient wire = served.wire()) {
            wire.send("HEAD /static/a.txt HTTP/1.1\r\nHost: x\r\nRange: bytes=2-5\r\n\r\n");
            WireClient.Response head = wire.read(true);
            assertEquals(200, head.status(), "Range is for GET only");
            assertEquals("20", head.header("Content-Length"));
        }
    }

    @Test
    void ifRangeServesTheRangeOnlyForTheSameVersion() throws Exception {
        String etag = etag();
        assertEquals(206, get("/static/a.txt", "Range", "bytes=0-1", "If-Range", etag).statusCode());
        assertEquals(206, get("/static/a.txt", "Range", "bytes=0-1", "If-Range", MODIFIED_HTTP).statusCode());
        var other = get("/static/a.txt", "Range", "bytes=0-1", "If-Range", "\"other\"");
        assertEquals(200, other.statusCode());
        assertEquals(TEXT, text(other));
        assertEquals(200, get("/static/a.txt", "Range", "bytes=0-1", "If-Range", "W/" + etag).statusCode());
        assertEquals(200, get("/static/a.txt", "Range", "bytes=0-1", "If-Range", "Thu, 01 Jan 2026 00:00:00 GMT")
                .statusCode());
    }

    @Test
    void precompressedSiblingForClientsThatAcceptGzip() throws Exception {
        var gz = get("/static/app.js", "Accept-Encoding", "gzip, deflate");
        assertEquals(200, gz.statusCode());
        assertArrayEquals(gzipped, gz.body());
        assertEquals("gzip", header(gz, "Content-Encoding"));
        assertEquals("Accept-Encoding", header(gz, "Vary"));
        assertEquals("text/javascript; charset=utf-8", header(gz, "Content-Type"), "the type of the original");
        var plain = get("/static/app.js");
        assertEquals("console.log('plain')", text(plain));
        assertNull(header(plain, "Content-Encoding"));
        assertNotEquals(header(plain, "ETag"), header(gz, "ETag"), "each representation has its own tag");
        assertNull(header(get("/static/app.js", "Accept-Encoding", "gzip;q=0"), "Content-Encoding"));
        assertNull(header(get("/static/a.txt", "Accept-Encoding", "gzip"), "Content-Encoding"), "no sibling, no gzip");
        assertEquals(304, get("/static/app.js", "Accept-Encoding", "gzip", "If-None-Match", header(gz, "ETag")).statusCode());
        assertEquals(200, get("/static/app.js", "If-None-Match", header(gz, "ETag")).statusCode(),
                "the gzip tag does not validate the plain file");
    }

    @Test
    void directories() throws Exception {
        try (WireClient wire = served.wire()) {
            wire.send("GET /static/docs?x=1 HTTP/1.1\r\nHost: x\r\n\r\n");
            WireClient.Response r = wire.read();
            assertEquals(301, r.status());
            assertEquals("/static/docs/?x=1", r.header("Location"));
            wire.send("GET /static HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("/static/", wire.read().header("Location"));
        }
        assertEquals("<h1>docs</h1>", text(get("/static/docs/")));
        assertEquals(404, get("/static/bare/").statusCode(), "no index and no listing: 404");
        assertEquals(404, get("/static/").statusCode(), "the root has no index.html");
        assertEquals(404, get("/static/a.txt/").statusCode(), "a file is no directory");
        var listing = get("/listed/bare/");
        assertEquals(200, listing.statusCode());
        String html = text(listing);
        assertTrue(html.contains("<a href=\"./inner/\">inner/</a>"), html);
        assertTrue(html.contains("&lt;b&gt;&amp;.txt"), "names are escaped: " + html);
        assertTrue(html.contains("href=\"./%3Cb%3E%26.txt\""), html);
        assertFalse(html.contains("<b>&"), html);
        assertEquals("odd name", text(get("/listed/bare/%3Cb%3E%26.txt")));
        assertTrue(text(get("/listed/docs/")).contains("href=\"./index.html\""), "index file off: the listing");
    }

    @Test
    void noPathLeavesTheRoot() throws Exception {
        String[] attacks = {
                "/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/.%2e/secret.txt", "/static/%2E%2E/secret.txt",
                "/static/docs/../../secret.txt", "/static/docs%2f..%2f..%2fsecret.txt", "/static/..%2fsecret.txt",
                "/static/%5c..%5csecret.txt", "/static/..%5csecret.txt", "/static/a.txt%00.html", "/static//etc/passwd",
                "/static/escape.txt", "/static/outside/secret.txt", "/static/./a.txt", "/static/%2e/a.txt",
                "/static/docs//index.html", "/static/docs/up/secret.txt", "/static/manual/up/secret.txt", "/static/docs/up/",
        };
        try (WireClient wire = served.wire()) {
            for (String attack : attacks) {
                wire.send("GET " + attack + " HTTP/1.1\r\nHost: x\r\n\r\n");
                WireClient.Response r = wire.read();
                assertEquals(404, r.status(), attack + " -> " + r);
                assertFalse(r.body().contains("outside the root"), attack);
            }
        }
        assertEquals(TEXT, text(get("/static/alias.txt")), "a link inside the root is followed");
        assertEquals("<h1>docs</h1>", text(get("/static/manual/index.html")), "so is a link to a directory inside");
        assertEquals("<h1>docs</h1>", text(get("/static/manual/")));
    }

    @Test
    void aHandlerCanSendOneFileOnAVirtualThread() throws Exception {
        var r = get("/one", "Range", "bytes=0-3");
        assertEquals(206, r.statusCode());
        assertEquals("0123", text(r));
        assertEquals(TEXT, text(get("/vt/a.txt")));
        assertEquals(404, get("/vt/../secret.txt").statusCode());
    }

    @Test
    void pipelinedFileAnswersKeepTheirOrder() throws Exception {
        try (WireClient wire = served.wire()) {
            StringBuilder requests = new StringBuilder();
            String[] paths = {"/vt/a.txt", "/static/page.html", "/one", "/static/a.txt", "/vt/page.html", "/static/nope"};
            for (String path : paths) {
                requests.append("GET ").append(path).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            wire.send(requests.toString());
            assertEquals(TEXT, wire.read().body());
            assertEquals("<p>hi</p>", wire.read().body());
            assertEquals(TEXT, wire.read().body());
            assertEquals(TEXT, wire.read().body());
            assertEquals("<p>hi</p>", wire.read().body());
            assertEquals(404, wire.read().status());
        }
    }

    @Test
    void aMissingDirectoryIsRefusedAtRegistration() {
        var e = assertThrows(IllegalArgumentException.class, () -> App.create().files("/x", dir.resolve("none")));
        assertTrue(e.getMessage().contains("cannot serve files from"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> App.create().files("/x", dir.resolve("secret.txt")));
        assertThrows(IllegalArgumentException.class, () -> App.create().files("x", root));
        assertThrows(IllegalArgumentException.class, () -> FileOptions.defaults().indexFile("../index.html"));
    }
}
