package dev.surge.http.codec;

import dev.surge.http.HttpVersion;
import dev.surge.http.Method;
import dev.surge.http.Request;
import dev.surge.http.RequestLimits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parser from bytes: every case fed whole and one byte at a time must agree. */
class RequestParserTest {

    private static ParserDriver.Parsed single(String input, boolean byteAtATime) {
        ParserDriver.Outcome outcome = ParserDriver.run(input, byteAtATime);
        assertNull(outcome.error(), () -> "unexpected error: " + outcome.error().reason());
        assertEquals(1, outcome.requests().size());
        return outcome.requests().getFirst();
    }

    @ParameterizedTest(name = "{0} ({1} {2})")
    @MethodSource("dev.surge.http.RejectionCases#all")
    void refusesBadRequests(String name, int status, String input) {
        for (boolean byteAtATime : new boolean[]{false, true}) {
            ParserDriver.Outcome outcome = ParserDriver.run(input, byteAtATime);
            assertNotNull(outcome.error(), name + ": accepted, byteAtATime=" + byteAtATime);
            assertEquals(status, outcome.error().status(), name + ": " + outcome.error().reason());
            assertTrue(outcome.requests().isEmpty(), name + ": a request got through before the error");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void parsesRequestLineAndHeadersInPlace(boolean byteAtATime) {
        var r = single("GET /users/7?full=1&x=%20 HTTP/1.1\r\nHost: example.com:8080\r\n"
                + "X-Trace:   abc  \r\nx-trace: second\r\nAccept: */*\r\n\r\n", byteAtATime);
        assertEquals(Method.GET, r.method());
        assertEquals("/users/7?full=1&x=%20", r.target());
        assertEquals("/users/7", r.path());
        assertEquals("full=1&x=%20", r.query());
        assertEquals(HttpVersion.HTTP_1_1, r.version());
        assertEquals(List.of(new Request.Header("Host", "example.com:8080"), new Request.Header("X-Trace", "abc"),
                new Request.Header("x-trace", "second"), new Request.Header("Accept", "*/*")), r.headers());
        assertTrue(r.keepAlive());
        assertEquals("", r.body());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void valuesKeepTabsAndObsTextInside(boolean byteAtATime) {
        var r = single("GET / HTTP/1.1\r\nHost: h\r\nX-Long: a\tb\u00e9cdefghijklmnopqrstuvwxyz \t\r\n\r\n", byteAtATime);
        assertEquals(new Request.Header("X-Long", "a\tb\u00e9cdefghijklmnopqrstuvwxyz"), r.headers().get(1));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void pipelinedRequestsComeOutInOrder(boolean byteAtATime) {
        String input = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
                + "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nxyz"
                + "GET /c HTTP/1.1\r\nHost: h\r\n\r\n";
        var outcome = ParserDriver.run(input, byteAtATime);
        assertNull(outcome.error());
        assertEquals(List.of("/a", "/b", "/c"), outcome.requests().stream().map(ParserDriver.Parsed::path).toList());
        assertEquals("xyz", outcome.requests().get(1).body());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void decodesChunkedBodyWithExtensionsAndTrailers(boolean byteAtATime) {
        var r = single("POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + "5;name=value;q=\"a \\\"b\"\r\nhello\r\n"
                + "000006 ; ext\r\n world\r\n"
                + "0\r\nX-Checksum: 42\r\nX-Other: y\r\n\r\n", byteAtATime);
        assertEquals("hello world", r.body());
        assertEquals(List.of(new Request.Header("X-Checksum", "42"), new Request.Header("X-Other", "y")), r.trailers());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void emptyChunkedBody(boolean byteAtATime) {
        var r = single("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", byteAtATime);
        assertEquals("", r.body());
        assertTrue(r.trailers().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void connectionPersistenceFollowsTheVersion(boolean byteAtATime) {
        assertFalse(single("GET / HTTP/1.0\r\n\r\n", byteAtATime).keepAlive());
        assertTrue(single("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", byteAtATime).keepAlive());
        assertFalse(single("GET / HTTP/1.1\r\nHost: h\r\nConnection: upgrade, close\r\n\r\n", byteAtATime).keepAlive());
        assertTrue(single("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\n\r\n", byteAtATime).keepAlive());
        assertEquals(HttpVersion.HTTP_1_1, single("GET / HTTP/1.2\r\nHost: h\r\n\r\n", byteAtATime).version());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void acceptsOtherTargetFormsAndLeadingEmptyLines(boolean byteAtATime) {
        var absolute = single("\r\n\r\nGET http://example.com:80/x/y?q HTTP/1.1\r\nHost: example.com:80\r\n\r\n", byteAtATime);
        assertEquals("/x/y", absolute.path());
        assertEquals("q", absolute.query());
        assertEquals("/", single("GET http://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n", byteAtATime).path());
        var asterisk = single("OPTIONS * HTTP/1.1\r\nHost: \r\n\r\n", byteAtATime);
        assertEquals(Method.OPTIONS, asterisk.method());
        assertEquals("*", asterisk.path());
        assertEquals("/", single("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", byteAtATime).path());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void asksForContinueOnlyBeforeTheBodyArrives(boolean byteAtATime) {
        String head = "POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n";
        var r = single(head + "ok", byteAtATime);
        assertEquals("ok", r.body());
        // Fed whole, the body is already there: no 100 Continue is owed.
        assertEquals(byteAtATime, r.continueAsked());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void limitsAreConfigurable(boolean byteAtATime) {
        RequestLimits small = RequestLimits.DEFAULT.withMaxRequestLine(64).withMaxHeaderBytes(128)
                .withMaxHeaderCount(2).withMaxBodyBytes(4);
        byte[] longLine = ("GET /" + "a".repeat(60) + " HTTP/1.1\r\nHost: h\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(414, ParserDriver.run(longLine, byteAtATime, small).error().status());
        byte[] threeFields = "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(431, ParserDriver.run(threeFields, byteAtATime, small).error().status());
        byte[] bigBody = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n12345".getBytes(StandardCharsets.US_ASCII);
        assertEquals(413, ParserDriver.run(bigBody, byteAtATime, small).error().status());
        byte[] bigChunks = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(413, ParserDriver.run(bigChunks, byteAtATime, small).error().status());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void requestsBeforeABadOneAreStillParsed(boolean byteAtATime) {
        var outcome = ParserDriver.run("GET /ok HTTP/1.1\r\nHost: h\r\n\r\nGET /bad HTTP/1.1\r\n\r\n", byteAtATime);
        assertEquals(1, outcome.requests().size());
        assertEquals(400, outcome.error().status());
    }
}
