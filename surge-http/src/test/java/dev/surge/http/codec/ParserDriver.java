package dev.surge.http.codec;

import dev.surge.http.HttpVersion;
import dev.surge.http.Method;
import dev.surge.http.Request;
import dev.surge.http.RequestLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Feeds bytes to a {@link RequestParser} the way a connection does, either all at once or one
 * byte at a time, and records what came out: each request as a snapshot, then the error that
 * stopped parsing, if any.
 */
final class ParserDriver {
    record Parsed(Method method, String target, String path, String query, HttpVersion version,
                  List<Request.Header> headers, List<Request.Header> trailers, boolean keepAlive, String body,
                  boolean continueAsked) {
    }

    record Outcome(List<Parsed> requests, HttpError error) {
    }

    private ParserDriver() {
    }

    static Outcome run(String input, boolean byteAtATime) {
        return run(input.getBytes(StandardCharsets.ISO_8859_1), byteAtATime, RequestLimits.DEFAULT);
    }

    /**
     * Runs the input through a heap buffer (read through ByteBuf) and a direct one (read
     * straight from memory, every read checked by an assertion) and requires the same outcome.
     */
    static Outcome run(byte[] input, boolean byteAtATime, RequestLimits limits) {
        Outcome heap = run(input, byteAtATime, limits, Unpooled.buffer());
        Outcome direct = run(input, byteAtATime, limits, Unpooled.directBuffer());
        assertEquals(heap.requests(), direct.requests());
        assertEquals(describe(heap.error()), describe(direct.error()));
        return heap;
    }

    private static String describe(HttpError error) {
        return error == null ? "none" : error.status() + " " + error.reason();
    }

    private static Outcome run(byte[] input, boolean byteAtATime, RequestLimits limits, ByteBuf buf) {
        RequestParser parser = new RequestParser(limits, UnpooledByteBufAllocator.DEFAULT);
        List<Parsed> out = new ArrayList<>();
        boolean continueAsked = false;
        try {
            int fed = 0;
            while (fed < input.length) {
                int n = byteAtATime ? 1 : input.length;
                buf.writeBytes(input, fed, n);
                fed += n;
                while (buf.isReadable()) {
                    if (!parser.parse(buf)) {
                        continueAsked |= parser.takeContinue();
                        break;
                    }
                    ParsedRequest r = new ParsedRequest(parser);
                    r.attach(buf);
                    out.add(new Parsed(r.method(), r.target(), r.path(), r.query(), r.version(), r.headers(),
                            r.trailers(), r.keepAlive(), new String(r.body(), StandardCharsets.ISO_8859_1),
                            continueAsked));
                    continueAsked = false;
                    buf.skipBytes(parser.messageLength());
                    parser.reset();
                }
            }
            return new Outcome(out, null);
        } catch (HttpError e) {
            return new Outcome(out, e);
        } finally {
            parser.release();
            buf.release();
        }
    }
}
