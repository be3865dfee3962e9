package dev.surge.http.routing;

import dev.surge.http.Method;
import dev.surge.http.RequestLimits;
import dev.surge.http.codec.ParsedRequest;
import dev.surge.http.codec.RequestParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/**
 * A request parsed from bytes the way a connection parses it, for looking routes up with a
 * real {@link ParsedRequest}: the view points into a direct buffer, read in place. Close it to
 * release the buffer and the parser.
 */
final class ParsedPath implements AutoCloseable {
    private final RequestParser parser = new RequestParser(RequestLimits.DEFAULT, ByteBufAllocator.DEFAULT);
    private final ByteBuf buf = Unpooled.directBuffer();
    private final ParsedRequest request = new ParsedRequest(parser);

    /** Parses {@code METHOD target HTTP/1.1} with a Host header; the target may be any form. */
    ParsedPath(Method method, String target) {
        buf.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: h\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        if (!parser.parse(buf)) {
            close();
            throw new AssertionError("incomplete request for " + target);
        }
        request.attach(buf);
    }

    ParsedRequest request() {
        return request;
    }

    @Override
    public void close() {
        parser.release();
        buf.release();
    }
}
