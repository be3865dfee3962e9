package dev.surge.http.codec;

import dev.surge.http.HttpVersion;
import dev.surge.http.RequestLimits;

/**
 * What a request's header fields say about its framing and its connection (RFC 9112 §6,
 * §9.3, RFC 9110 §7.2, §10.1.1): noted field by field as the headers are parsed, then
 * decided once the header section is complete. Every ambiguity is refused.
 */
final class Framing {
    /** How the body of the message is delimited. */
    enum Body { NONE, FIXED, CHUNKED }

    private static final byte[] HOST = Ascii.lower("host");
    private static final byte[] CONTENT_LENGTH = Ascii.lower("content-length");
    private static final byte[] TRANSFER_ENCODING = Ascii.lower("transfer-encoding");
    private static final byte[] CONNECTION = Ascii.lower("connection");
    private static final byte[] EXPECT = Ascii.lower("expect");

    private final RequestLimits limits;
    private final FieldTable fields;
    private final ListElements listElements = new ListElements();
    private final TransferCoding transferCoding = new TransferCoding();

    private boolean hostSeen;
    private long contentLength = -1;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private boolean expectContinue;
    private boolean keepAlive;

    Framing(RequestLimits limits, FieldTable fields) {
        this.limits = limits;
        this.fields = fields;
    }

    void reset() {
        hostSeen = false;
        contentLength = -1;
        transferCoding.reset();
        connectionClose = false;
        connectionKeepAlive = false;
        expectContinue = false;
        keepAlive = false;
    }

    /**
     * Records what the headers that decide framing and connection handling say, and checks
     * every value: Host, Content-Length and Transfer-Encoding by their own stricter grammar,
     * the rest against the field-value rule.
     */
    void noteHeader(Bytes buf, int base, int field) {
        int valueStart = base + fields.valueStart(field);
        int valueEnd = valueStart + fields.valueLength(field);
        int length = fields.nameLength(field);
        if (length == 4 && fields.nameIs(buf, base, field, HOST)) {
            if (hostSeen) {
                throw HttpError.badRequest("more than one Host header");
            }
            hostSeen = true;
            HostValue.validate(buf, valueStart, valueEnd);
            return;
        }
        if (length == 14 && fields.nameIs(buf, base, field, CONTENT_LENGTH)) {
            if (contentLength >= 0) {
                throw HttpError.badRequest("more than one Content-Length header");
            }
            contentLength = parseContentLength(buf, valueStart, valueEnd);
            return;
        }
        if (length == 17 && fields.nameIs(buf, base, field, TRANSFER_ENCODING)) {
            transferCoding.add(listElements.of(buf, valueStart, valueEnd, "Transfer-Encoding"));
            return;
        }
        fields.checkValue(buf, base, field, "header");
        if (length == 6 && fields.nameIs(buf, base, field, EXPECT)) {
            if (!Ascii.equalsIgnoreCase(buf, valueStart, valueEnd, CONTINUE_100)) {
                throw new HttpError(417, "unsupported expectation: only 100-continue is supported");
            }
            expectContinue = true;
        } else if (length == 10 && fields.nameIs(buf, base, field, CONNECTION)) {
            noteConnectionOptions(buf, valueStart, valueEnd);
        }
    }

    private static final byte[] CONTINUE_100 = Ascii.lower("100-continue");
    private static final byte[] CLOSE = Ascii.lower("close");
    private static final byte[] KEEP_ALIVE = Ascii.lower("keep-alive");

    private void noteConnectionOptions(Bytes buf, int start, int end) {
        listElements.of(buf, start, end, "Connection");
        while (listElements.next()) {
            if (listElements.is(CLOSE)) {
                connectionClose = true;
            } else if (listElements.is(KEEP_ALIVE)) {
                connectionKeepAlive = true;
            }
        }
    }

    private static long parseContentLength(Bytes buf, int start, int end) {
        if (start == end) {
            throw HttpError.badRequest("empty Content-Length");
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            byte b = buf.at(i);
            if (b < '0' || b > '9') {
                throw HttpError.badRequest("Content-Length must be a single decimal number");
            }
            // A number too large for a long is one over any body limit: 413, as for the others.
            value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + (b - '0');
        }
        return value;
    }

    /** Applies the rules to the complete header section; returns how the body is framed. */
    Body decide(HttpVersion version) {
        if (version == HttpVersion.HTTP_1_1 && !hostSeen) {
            throw HttpError.badRequest("missing Host header (required in HTTP/1.1)");
        }
        keepAlive = version == HttpVersion.HTTP_1_1 ? !connectionClose : connectionKeepAlive && !connectionClose;
        if (transferCoding.present()) {
            if (version == HttpVersion.HTTP_1_0) {
                throw HttpError.badRequest("Transfer-Encoding is not allowed in an HTTP/1.0 request");
            }
            if (contentLength >= 0) {
                throw HttpError.badRequest("both Content-Length and Transfer-Encoding: send only one");
            }
            transferCoding.requireChunkedOnly();
            return Body.CHUNKED;
        }
        if (contentLength > limits.maxBodyBytes()) {
            throw new HttpError(413, "body of " + contentLength + " bytes exceeds the limit of "
                    + limits.maxBodyBytes() + " bytes");
        }
        return contentLength > 0 ? Body.FIXED : Body.NONE;
    }

    /** The Content-Length of a {@link Body#FIXED} body. */
    long contentLength() {
        return contentLength;
    }

    /** Whether the connection stays open after this request; valid after {@link #decide}. */
    boolean keepAlive() {
        return keepAlive;
    }

    /** Whether the client waits for 100 Continue (only HTTP/1.1 clients may, RFC 9110 §10.1.1). */
    boolean expectsContinue(HttpVersion version) {
        return expectContinue && version == HttpVersion.HTTP_1_1;
    }
}
