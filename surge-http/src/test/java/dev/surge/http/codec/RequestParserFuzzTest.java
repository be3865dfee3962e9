package dev.surge.http.codec;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.surge.http.HttpVersion;
import dev.surge.http.Request;
import dev.surge.http.RequestLimits;
import dev.surge.junit.BufferWatch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The parser under Jazzer: any bytes, fed whole and one byte at a time (each both through a
 * heap and a direct buffer, see {@link ParserDriver}), under limits small enough for the
 * fuzzer to reach every one of them. Checked for every input:
 * <ul>
 * <li>nothing but an {@link HttpError} with a status the codec may refuse with ever leaves
 *     the parser (any other exception fails the run), and it leaves no buffer unreleased;</li>
 * <li>both feeds give the same requests and the same refusal;</li>
 * <li>each request accepted is consistent: Content-Length equals the body, a chunked request
 *     has no Content-Length, only a chunked request has trailers, the target is the path and
 *     the query;</li>
 * <li>each request accepted, written out again in the plainest form, parses to the same request.</li>
 * </ul>
 * Without {@code JAZZER_FUZZ} this replays the inputs under
 * {@code src/test/resources/dev/surge/http/codec/RequestParserFuzzTestInputs/parse} as tests;
 * {@code ./surge fuzz parser} fuzzes.
 */
class RequestParserFuzzTest {
    /** Small limits, so that short inputs reach each of them (the path fuzz test has the same). */
    private static final RequestLimits LIMITS = new RequestLimits(128, 512, 10, 256, 32);
    /** The statuses the codec refuses with (docs/http.md). */
    private static final Set<Integer> REFUSALS = Set.of(400, 413, 414, 417, 431, 501, 505);

    // Tokens for the fuzzer's mutations, in libFuzzer's dictionary syntax (Jazzer writes them
    // out as they are): \x0D\x0A is CRLF.
    @DictionaryEntries({"\\x0D\\x0A", "HTTP/1.1", "HTTP/1.0", "Host: ", "Content-Length: ", "Transfer-Encoding: chunked",
            "Connection: close", "Connection: keep-alive", "Expect: 100-continue", ";ext=\\\"v\\\"", "0\\x0D\\x0A\\x0D\\x0A",
            "OPTIONS * ", "http://", "%2F"})
    @FuzzTest(maxDuration = "60s")
    void parse(byte[] input) {
        ParserDriver.Outcome whole;
        ParserDriver.Outcome bytewise;
        try (BufferWatch watch = BufferWatch.open()) {
            whole = ParserDriver.run(input, false, LIMITS);
            bytewise = ParserDriver.run(input, true, LIMITS);
            watch.unreleased(0).ifPresent(leak -> fail("buffers leaked parsing the input: " + leak));
        }
        assertEquals(withoutContinue(whole.requests()), withoutContinue(bytewise.requests()),
                "fed whole and byte by byte, the input gave different requests");
        assertEquals(status(whole.error()), status(bytewise.error()),
                "fed whole and byte by byte, the input was refused differently");
        if (whole.error() != null) {
            HttpError error = whole.error();
            assertTrue(REFUSALS.contains(error.status()), "refused with " + error.status() + ": " + error.reason());
            assertFalse(error.reason() == null || error.reason().isBlank(), "a refusal without a reason");
        }
        for (ParserDriver.Parsed request : whole.requests()) {
            checkConsistent(request);
            checkReparses(request);
        }
    }

    private static void checkConsistent(ParserDriver.Parsed r) {
        Optional<String> contentLength = header(r.headers(), "Content-Length");
        boolean chunked = header(r.headers(), "Transfer-Encoding").isPresent();
        if (chunked) {
            assertEquals(Optional.empty(), contentLength, "a chunked request with a Content-Length");
            assertEquals(HttpVersion.HTTP_1_1, r.version(), "a chunked HTTP/1.0 request");
        } else {
            assertEquals(List.of(), r.trailers(), "trailers without a chunked body");
            assertEquals(r.body().length(), contentLength.map(Long::parseLong).orElse(0L).intValue(),
                    "Content-Length and the body's length differ");
        }
        assertTrue(r.body().length() <= LIMITS.maxBodyBytes(), "a body over the limit");
        String target = r.target();
        if (target.startsWith("/")) {
            String rebuilt = r.query().isEmpty() ? r.path() : r.path() + "?" + r.query();
            assertTrue(target.equals(rebuilt) || target.equals(r.path() + "?"),
                    "target '" + target + "' is not path '" + r.path() + "' and query '" + r.query() + "'");
        }
        if (r.version() == HttpVersion.HTTP_1_1 && header(r.headers(), "Connection").isEmpty()) {
            assertTrue(r.keepAlive(), "an HTTP/1.1 request without Connection that does not keep alive");
        }
    }

    /** Writes the request out plainly (no optional whitespace, one chunk) and parses it again. */
    private static void checkReparses(ParserDriver.Parsed r) {
        StringBuilder out = new StringBuilder();
        out.append(r.method()).append(' ').append(r.target()).append(' ').append(r.version()).append("\r\n");
        fields(out, r.headers());
        out.append("\r\n");
        if (header(r.headers(), "Transfer-Encoding").isPresent()) {
            if (!r.body().isEmpty()) {
                out.append(Integer.toHexString(r.body().length())).append("\r\n").append(r.body()).append("\r\n");
            }
            out.append("0\r\n");
            fields(out, r.trailers());
            out.append("\r\n");
        } else {
            out.append(r.body());
        }
        byte[] again = out.toString().getBytes(StandardCharsets.ISO_8859_1);
        ParserDriver.Outcome outcome = ParserDriver.run(again, false, LIMITS);
        assertNull(outcome.error(), () -> "written out again, the request was refused: " + outcome.error().reason());
        assertEquals(List.of(withoutContinue(r)), withoutContinue(outcome.requests()),
                "written out again, the request parsed differently");
    }

    private static void fields(StringBuilder out, List<Request.Header> fields) {
        for (Request.Header field : fields) {
            out.append(field.name()).append(':').append(field.value()).append("\r\n");
        }
    }

    private static Optional<String> header(List<Request.Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Request.Header::value).findFirst();
    }

    private static String status(HttpError error) {
        return error == null ? "none" : String.valueOf(error.status());
    }

    private static List<ParserDriver.Parsed> withoutContinue(List<ParserDriver.Parsed> requests) {
        return requests.stream().map(RequestParserFuzzTest::withoutContinue).toList();
    }

    /** Whether 100 Continue was asked depends on where the input was cut, not on the request. */
    private static ParserDriver.Parsed withoutContinue(ParserDriver.Parsed r) {
        return new ParserDriver.Parsed(r.method(), r.target(), r.path(), r.query(), r.version(), r.headers(),
                r.trailers(), r.keepAlive(), r.body(), false);
    }
}
