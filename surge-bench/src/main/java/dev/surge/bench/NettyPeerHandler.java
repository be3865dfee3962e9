package dev.surge.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Answers {@code GET /plaintext} with "Hello, World!" and anything else with 404, as the
 * TechEmpower Netty entry does: the body is one unreleasable direct buffer shared by every
 * response, every header value is a pre-encoded {@link AsciiString}, responses are written
 * without a flush and flushed once when the read batch ends, so pipelined requests of one read
 * leave in one write. A request that asks for the close gets it after its response.
 */
@Sharable
final class NettyPeerHandler extends ChannelInboundHandlerAdapter {
    private static final ByteBuf PLAINTEXT = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer().writeBytes("Hello, World!".getBytes(StandardCharsets.US_ASCII)));
    private static final AsciiString PLAINTEXT_LENGTH = AsciiString.cached(String.valueOf(PLAINTEXT.readableBytes()));
    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain");
    private static final AsciiString SERVER_NAME = AsciiString.cached("Netty");
    private static final AsciiString ZERO = AsciiString.cached("0");

    /** HTTP-date needs a two-digit day, which RFC_1123_DATE_TIME does not give. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    /** Our responses carry only headers we built, so validating them again is wasted work. */
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);
    private static final HttpHeadersFactory TRAILERS = DefaultHttpHeadersFactory.trailersFactory().withValidation(false);

    /** Refreshed once a second on the event loop; read by every response. */
    private volatile AsciiString date = formatNow();

    NettyPeerHandler(EventLoop loop) {
        loop.scheduleAtFixedRate(() -> date = formatNow(), 1000, 1000, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) {
                respond(ctx, request);
            }
        } finally {
            // The codec also sends the (empty) last content of each request: drop it.
            ReferenceCountUtil.release(msg);
        }
    }

    private void respond(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.method().equals(HttpMethod.GET) && "/plaintext".equals(request.uri())) {
            FullHttpResponse ok = response(HttpResponseStatus.OK, PLAINTEXT.duplicate(), PLAINTEXT_LENGTH);
            if (HttpUtil.isKeepAlive(request)) {
                ctx.write(ok, ctx.voidPromise());
            } else {
                // Asked to close (or HTTP/1.0): say so, and close once it is sent, as Netty's
                // HTTP examples do.
                ok.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(ok).addListener(ChannelFutureListener.CLOSE);
            }
        } else {
            ctx.writeAndFlush(response(HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER, ZERO))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    private FullHttpResponse response(HttpResponseStatus status, ByteBuf body, AsciiString length) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body, HEADERS, TRAILERS);
        response.headers()
                .set(HttpHeaderNames.SERVER, SERVER_NAME)
                .set(HttpHeaderNames.DATE, date)
                .set(HttpHeaderNames.CONTENT_TYPE, TEXT_PLAIN)
                .set(HttpHeaderNames.CONTENT_LENGTH, length);
        return response;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A benchmark peer has no one to report to: a broken connection is just closed.
        ctx.close();
    }

    private static AsciiString formatNow() {
        return new AsciiString(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
    }
}
