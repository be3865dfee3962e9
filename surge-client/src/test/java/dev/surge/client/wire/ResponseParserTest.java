package dev.surge.client.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The response parser fed from bytes: whole, one byte at a time, and in every two-piece split. */
class ResponseParserTest {

    /** What the parser reported, as text: "status close headers | body". */
    private static final class Recorder implements ResponseListener {
        final List<String> responses = new ArrayList<>();
        private final StringBuilder headers = new StringBuilder();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        public void onHeader(byte[] buf, int nameStart, int nameEnd, int valueStart, int valueEnd) {
            headers.append(new String(buf, nameStart, nameEnd - nameStart, StandardCharsets.ISO_8859_1)).append('=')
                    .append(new String(buf, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1)).append(';');
        }

        @Override
        public void onContent(byte[] buf, int offset, int length) {
            body.write(buf, offset, length);
        }

        @Override
        public void onComplete(int status, boolean close) {
            responses.add(status + (close ? " close " : " ") + headers + " | " + body.toString(StandardCharsets.ISO_8859_1));
            headers.setLength(0);
            body.reset();
        }
    }

    /** Feeds {@code wire} in pieces of {@code step} bytes, keeping what the parser leaves, as a socket reader would. */
    private static Recorder parse(String wire, int step, boolean head) throws MalformedResponseException {
        Recorder r = new Recorder();
        ResponseParser p = new ResponseParser(r, 1024);
        p.headRequest(head);
        byte[] all = wire.getBytes(StandardCharsets.ISO_8859_1);
        byte[] buf = new byte[all.length];
        int kept = 0;
        for (int at = 0; at < all.length; at += step) {
            int n = Math.min(step, all.length - at);
            System.arraycopy(all, at, buf, kept, n);
            int length = kept + n;
            int used = p.parse(buf, 0, length);
            System.arraycopy(buf, used, buf, 0, length - used);
            kept = length - used;
        }
        p.closed();
        return r;
    }

    private static List<String> everyWay(String wire) throws MalformedResponseException {
        return everyWay(wire, false);
    }

    /** Parses whole, byte by byte and split at every point; all must agree. */
    private static List<String> everyWay(String wire, boolean head) throws MalformedResponseException {
        List<String> whole = parse(wire, wire.length() + 1, head).responses;
        assertEquals(whole, parse(wire, 1, head).responses, "one byte at a time");
        for (int step = 2; step < Math.min(wire.length(), 40); step++) {
            assertEquals(whole, parse(wire, step, head).responses, "in pieces of " + step);
        }
        return whole;
    }

    @Test
    void contentLength() throws Exception {
        assertEquals(List.of("200 Server=x;Content-Length=5; | hello"),
                everyWay("HTTP/1.1 200 OK\r\nServer: x\r\nContent-Length:  5 \r\n\r\nhello"));
    }

    @Test
    void pipelinedResponsesInOneRead() throws Exception {
        String one = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        String two = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        String three = "HTTP/1.1 500 Internal Server Error\r\ncontent-length: 3\r\n\r\nbad";
        assertEquals(List.of("200 Content-Length=2; | ok", "404 Content-Length=0; | ", "500 content-length=3; | bad"),
                everyWay(one + two + three));
    }

    @Test
    void chunkedWithExtensionsAndTrailers() throws Exception {
        String wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\nA\r\n, world!!!\r\n0\r\nTrailer: yes\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n";
        assertEquals(List.of("200 Transfer-Encoding=chunked; | hello, world!!!", "204  | "), everyWay(wire));
    }

    @Test
    void onlyAFinalChunkedCodingFramesTheBody() throws Exception {
        assertEquals(List.of("200 Transfer-Encoding=gzip, chunked; | hi"),
                everyWay("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n"));
        assertEquals(List.of("200 close Transfer-Encoding=xchunked; | 2\r\nhi"),
                everyWay("HTTP/1.1 200 OK\r\nTransfer-Encoding: xchunked\r\n\r\n2\r\nhi"),
                "a coding that merely ends in 'chunked' runs until the close");
    }

    @Test
    void anUnaskedForUpgradeIsRefused() {
        String wire = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n";
        assertThrows(MalformedResponseException.class, () -> parse(wire, wire.length() + 1, false));
    }

    @Test
    void interimResponsesAreSkipped() throws Exception {
        assertEquals(List.of("200 Content-Length=1; | x"),
                everyWay("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx"));
    }

    @Test
    void headAnd304HaveNoBody() throws Exception {
        assertEquals(List.of("200 Content-Length=100; | ", "200 Content-Length=100; | "),
                everyWay("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", true));
        assertEquals(List.of("304 Content-Length=7; | "), everyWay("HTTP/1.1 304 Not Modified\r\nContent-Length: 7\r\n\r\n"));
    }

    @Test
    void connectionCloseAndHttp10() throws Exception {
        assertEquals(List.of("200 close Connection=close;Content-Length=1; | a"),
                everyWay("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\na"));
        assertEquals(List.of("200 close Content-Length=1; | a"), everyWay("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\na"));
        assertEquals(List.of("200 Connection=keep-alive;Content-Length=1; | a"),
                everyWay("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\na"));
    }

    @Test
    void bodyWithoutLengthEndsAtTheClose() throws Exception {
        assertEquals(List.of("200 close  | until the end"), everyWay("HTTP/1.1 200 OK\r\n\r\nuntil the end"));
    }

    @Test
    void bareLfLinesAndNoReasonPhrase() throws Exception {
        assertEquals(List.of("200 Content-Length=2; | ok"), everyWay("HTTP/1.1 200\nContent-Length: 2\n\nok"));
    }

    @Test
    void aCutOffResponseIsNotComplete() throws Exception {
        Recorder r = new Recorder();
        ResponseParser p = new ResponseParser(r, 1024);
        byte[] wire = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1);
        p.parse(wire, 0, wire.length);
        assertFalse(p.closed());
        assertTrue(r.responses.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTX/1.1 200 OK\r\n\r\n",
        "HTTP/1.1 20 OK\r\n\r\n",
        "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/1.1 abc OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
        "HTTP/1.1 200 OK\r\nName : space before colon\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n",
    })
    void malformedResponsesAreRefused(String wire) {
        MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> parse(wire, wire.length() + 1, false));
        assertTrue(e.getMessage().startsWith("malformed response: "), e.getMessage());
        assertThrows(MalformedResponseException.class, () -> parse(wire, 1, false));
    }

    @Test
    void aLineLongerThanTheLimitIsRefused() {
        String wire = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(2000) + "\r\n\r\n";
        assertThrows(MalformedResponseException.class, () -> parse(wire, wire.length() + 1, false));
        assertThrows(MalformedResponseException.class, () -> parse(wire, 7, false));
    }
}
