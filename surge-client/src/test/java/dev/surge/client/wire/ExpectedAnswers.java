package dev.surge.client.wire;

import dev.surge.http.HttpVersion;
import dev.surge.http.Method;
import dev.surge.http.RequestLimits;
import dev.surge.http.codec.HttpError;
import dev.surge.http.codec.ParsedRequest;
import dev.surge.http.codec.RequestParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.util.ArrayList;
import java.util.List;

/**
 * What a connection must answer to some bytes, found with the server's own parser: one answer
 * per complete request, up to and including the first that does not keep the connection alive
 * or the first refused (which gets its refusal status); nothing for an incomplete request at
 * the end, nor for anything after a close or a refusal.
 *
 * @param requests  the requests to be answered, in order
 * @param refusal   the status of the refusal that follows them, or 0
 * @param closes    whether the server closes the connection after the last answer
 * @param trailing  bytes of an incomplete request left at the end (never answered)
 */
record ExpectedAnswers(List<Sent> requests, int refusal, boolean closes, int trailing) {

    /** A request the server must answer. */
    record Sent(Method method, String target, String path, HttpVersion version, boolean keepAlive, byte[] body) {
        @Override
        public String toString() {
            return method + " " + target;
        }
    }

    static ExpectedAnswers of(byte[] input, RequestLimits limits) {
        ByteBuf buf = Unpooled.wrappedBuffer(input);
        RequestParser parser = new RequestParser(limits, UnpooledByteBufAllocator.DEFAULT);
        ParsedRequest request = new ParsedRequest(parser);
        List<Sent> requests = new ArrayList<>();
        try {
            while (buf.isReadable()) {
                if (!parser.parse(buf)) {
                    return new ExpectedAnswers(requests, 0, false, buf.readableBytes());
                }
                request.attach(buf);
                requests.add(new Sent(request.method(), request.target(), request.path(), request.version(),
                        request.keepAlive(), request.body()));
                buf.skipBytes(parser.messageLength());
                parser.reset();
                if (!request.keepAlive()) {
                    return new ExpectedAnswers(requests, 0, true, 0);
                }
            }
            return new ExpectedAnswers(requests, 0, false, 0);
        } catch (HttpError e) {
            return new ExpectedAnswers(requests, e.status(), true, 0);
        } finally {
            parser.release();
            buf.release();
        }
    }

    /** Answers the server must send: one per request, and the refusal. */
    int count() {
        return requests.size() + (refusal != 0 ? 1 : 0);
    }

    /** Whether the {@code i}th answer is to a HEAD request (and so has no body). */
    boolean answersHead(int i) {
        return i < requests.size() && requests.get(i).method() == Method.HEAD;
    }
}
