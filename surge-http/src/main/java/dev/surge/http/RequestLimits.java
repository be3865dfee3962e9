package dev.surge.http;

/**
 * Bounds on what one request may hold. A request over a bound is answered with the status
 * named here and the connection is closed.
 *
 * @param maxRequestLine   bytes in the request line, CRLF included (414)
 * @param maxHeaderBytes   bytes in the request line and header fields together, and again
 *                         for the trailer section of a chunked body (431)
 * @param maxHeaderCount   header fields, and trailer fields, in one request (431)
 * @param maxBodyBytes     body bytes after chunked decoding (413); the chunked framing
 *                         around them may add at most as many again
 * @param maxChunkLine     bytes in one chunk-size line, extensions included (400)
 */
public record RequestLimits(int maxRequestLine, int maxHeaderBytes, int maxHeaderCount,
                            int maxBodyBytes, int maxChunkLine) {

    public static final RequestLimits DEFAULT =
            new RequestLimits(8 * 1024, 16 * 1024, 100, 8 * 1024 * 1024, 4 * 1024);

    public RequestLimits {
        positive("maxRequestLine", maxRequestLine, 16);
        positive("maxHeaderBytes", maxHeaderBytes, 16);
        positive("maxHeaderCount", maxHeaderCount, 1);
        positive("maxBodyBytes", maxBodyBytes, 0);
        positive("maxChunkLine", maxChunkLine, 3);
        if (maxHeaderBytes < maxRequestLine) {
            throw new IllegalArgumentException("the header limit (" + maxHeaderBytes
                    + " bytes) must be at least the request-line limit (" + maxRequestLine + " bytes)");
        }
        if (maxBodyBytes > Integer.MAX_VALUE / 2 - 1024 * 1024) {
            throw new IllegalArgumentException("the body limit must be under 1 GiB; stream larger bodies");
        }
    }

    private static void positive(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }

    public RequestLimits withMaxRequestLine(int v) {
        return new RequestLimits(v, maxHeaderBytes, maxHeaderCount, maxBodyBytes, maxChunkLine);
    }

    public RequestLimits withMaxHeaderBytes(int v) {
        return new RequestLimits(maxRequestLine, v, maxHeaderCount, maxBodyBytes, maxChunkLine);
    }

    public RequestLimits withMaxHeaderCount(int v) {
        return new RequestLimits(maxRequestLine, maxHeaderBytes, v, maxBodyBytes, maxChunkLine);
    }

    public RequestLimits withMaxBodyBytes(int v) {
        return new RequestLimits(maxRequestLine, maxHeaderBytes, maxHeaderCount, v, maxChunkLine);
    }
}
