package dev.surge.http;

import org.junit.jupiter.params.provider.Arguments;

import java.util.stream.Stream;

/**
 * Requests the codec must refuse, with the status each must get. Shared by the parser tests
 * (bytes in memory) and the wire tests (real sockets), so every rule is checked both ways.
 */
public final class RejectionCases {
    private RejectionCases() {
    }

    private static final String H = "Host: example.com\r\n";

    @SuppressWarnings("exports") // compiled into surge.http for its tests; JUnit's Arguments is on the test class path
    public static Stream<Arguments> all() {
        return Stream.of(
                // framing: Content-Length and Transfer-Encoding
                c("CL with TE", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                c("TE with CL", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"),
                c("duplicate CL, same value", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: 1\r\nContent-Length: 1\r\n\r\nx"),
                c("CL with plus sign", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: +1\r\n\r\nx"),
                c("CL negative", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: -1\r\n\r\nx"),
                c("CL list", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: 1, 1\r\n\r\nx"),
                c("CL hex", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: 0x1\r\n\r\nx"),
                c("CL overflow", 413, "POST / HTTP/1.1\r\n" + H + "Content-Length: 99999999999999999999999\r\n\r\nx"),
                c("CL at the largest long", 413, "POST / HTTP/1.1\r\n" + H + "Content-Length: 9223372036854775807\r\n\r\nx"),
                c("CL overflow, then not a digit", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: 99999999999999999999999x\r\n\r\nx"),
                c("CL empty", 400, "POST / HTTP/1.1\r\n" + H + "Content-Length: \r\n\r\n"),
                c("CL over body limit", 413, "POST / HTTP/1.1\r\n" + H + "Content-Length: 8388609\r\n\r\n"),
                c("TE not chunked", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: gzip\r\n\r\n"),
                c("TE chunked not final", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n"),
                c("TE chunked twice", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                c("TE unknown coding before chunked", 501, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
                c("TE with parameter", 400, "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked;q=1\r\n\r\n0\r\n\r\n"),
                c("TE in HTTP/1.0", 400, "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                // header syntax
                c("space before colon", 400, "GET / HTTP/1.1\r\nHost : example.com\r\n\r\n"),
                c("tab before colon", 400, "GET / HTTP/1.1\r\n" + H + "X-A\t: 1\r\n\r\n"),
                c("obs-fold", 400, "GET / HTTP/1.1\r\n" + H + "X-A: 1\r\n 2\r\n\r\n"),
                c("whitespace before first header", 400, "GET / HTTP/1.1\r\n " + H + "\r\n"),
                c("NUL in value", 400, "GET / HTTP/1.1\r\n" + H + "X-A: a\0b\r\n\r\n"),
                c("control char deep in a long value", 400, "GET / HTTP/1.1\r\n" + H + "X-A: " + "a".repeat(21) + "\u0001" + "b".repeat(20) + "\r\n\r\n"),
                c("DEL in value", 400, "GET / HTTP/1.1\r\n" + H + "X-A: abcdefgh\u007fijklmnop\r\n\r\n"),
                c("NUL in Host", 400, "GET / HTTP/1.1\r\nHost: exa\0mple.com\r\n\r\n"),
                c("control char in trailer", 400, chunked("0\r\nX-T: abcdefghij\u0001\r\n\r\n")),
                c("bare CR in value", 400, "GET / HTTP/1.1\r\n" + H + "X-A: a\rb\r\n\r\n"),
                c("bare LF ends header", 400, "GET / HTTP/1.1\n" + H + "\r\n"),
                c("bare LF ends field", 400, "GET / HTTP/1.1\r\n" + "Host: a\n\r\n"),
                c("invalid char in name", 400, "GET / HTTP/1.1\r\n" + H + "X(A): 1\r\n\r\n"),
                c("empty name", 400, "GET / HTTP/1.1\r\n" + H + ": 1\r\n\r\n"),
                c("no colon", 400, "GET / HTTP/1.1\r\n" + H + "X-A\r\n\r\n"),
                // Host
                c("missing Host", 400, "GET / HTTP/1.1\r\n\r\n"),
                c("duplicate Host", 400, "GET / HTTP/1.1\r\n" + H + H + "\r\n"),
                c("Host with space", 400, "GET / HTTP/1.1\r\nHost: a b\r\n\r\n"),
                c("Host with bad port", 400, "GET / HTTP/1.1\r\nHost: a:b\r\n\r\n"),
                c("Host with userinfo", 400, "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n"),
                // request line
                c("invalid char in method", 400, "GE(T / HTTP/1.1\r\n" + H + "\r\n"),
                c("unknown method", 501, "BREW / HTTP/1.1\r\n" + H + "\r\n"),
                c("CONNECT", 501, "CONNECT example.com:443 HTTP/1.1\r\n" + H + "\r\n"),
                c("control char in target", 400, "GET /a\u0001b HTTP/1.1\r\n" + H + "\r\n"),
                c("space in target", 400, "GET /a b HTTP/1.1\r\n" + H + "\r\n"),
                c("non-ASCII in target", 400, "GET /caf\u00e9 HTTP/1.1\r\n" + H + "\r\n"),
                c("bad percent escape", 400, "GET /%zz HTTP/1.1\r\n" + H + "\r\n"),
                c("fragment in target", 400, "GET /a#b HTTP/1.1\r\n" + H + "\r\n"),
                c("double space", 400, "GET  / HTTP/1.1\r\n" + H + "\r\n"),
                c("asterisk with GET", 400, "GET * HTTP/1.1\r\n" + H + "\r\n"),
                c("HTTP/0.9", 400, "GET /\r\n\r\n"),
                c("lower-case version", 400, "GET / http/1.1\r\n" + H + "\r\n"),
                c("short version", 400, "GET / HTTP/1\r\n" + H + "\r\n"),
                c("HTTP/2.0", 505, "GET / HTTP/2.0\r\n" + H + "\r\n"),
                c("HTTP/3.0", 505, "GET / HTTP/3.0\r\n" + H + "\r\n"),
                c("HTTP/0.9 version", 505, "GET / HTTP/0.9\r\n" + H + "\r\n"),
                c("unsupported expectation", 417, "POST / HTTP/1.1\r\n" + H + "Expect: tea\r\nContent-Length: 1\r\n\r\nx"),
                // chunked body
                c("chunk size not hex", 400, chunked("zz\r\nhello\r\n0\r\n\r\n")),
                c("chunk size empty", 400, chunked("\r\nhello\r\n0\r\n\r\n")),
                c("chunk size with sign", 400, chunked("+5\r\nhello\r\n0\r\n\r\n")),
                c("chunk size overflow", 400, chunked("fffffffffffffffff\r\nhello\r\n0\r\n\r\n")),
                // 16 digits with the top bit set: a long goes negative, and must not be read as its low bits
                c("chunk size overflow to a small size", 400,
                        chunked("8000000000000005\r\nhello\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\n" + H + "\r\n")),
                c("chunk size overflow to a large size", 400, chunked("ffffffff00100000\r\nhello\r\n0\r\n\r\n")),
                c("chunk size overflow to zero", 400, chunked("8000000000000000\r\n\r\n")),
                c("bare LF in chunk line", 400, chunked("5\nhello\r\n0\r\n\r\n")),
                c("chunk extension too long", 400, chunked("5;" + "a".repeat(5000) + "\r\nhello\r\n0\r\n\r\n")),
                c("malformed chunk extension", 400, chunked("5;=x\r\nhello\r\n0\r\n\r\n")),
                c("no CRLF after chunk data", 400, chunked("5\r\nhelloXY0\r\n\r\n")),
                c("bare LF in trailer", 400, chunked("5\r\nhello\r\n0\r\nX-T: 1\n\r\n")),
                c("chunked body over limit", 413, chunked("800001\r\n")),
                // limits
                c("request line too long", 414, "GET /" + "a".repeat(8 * 1024) + " HTTP/1.1\r\n" + H + "\r\n"),
                c("header section too large", 431, "GET / HTTP/1.1\r\n" + H + "X-A: " + "a".repeat(16 * 1024) + "\r\n\r\n"),
                c("too many header fields", 431, "GET / HTTP/1.1\r\n" + H + "X-A: 1\r\n".repeat(100) + "\r\n"));
    }

    private static String chunked(String body) {
        return "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n" + body;
    }

    private static Arguments c(String name, int status, String request) {
        return Arguments.of(name, status, request);
    }
}
