package dev.surge.client;

import dev.surge.client.wire.Failures;
import dev.surge.client.wire.MalformedResponseException;
import dev.surge.client.wire.ResponseListener;
import dev.surge.client.wire.ResponseReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One pooled connection, one request at a time:
 * <pre>
 *   connected ─send─▶ waiting for the response ─complete─▶ idle in the pool ─send─▶ ...
 *                          │ timeout, reset, close, malformed
 *                          ▼
 *                       closed (the request fails, or is retried once if it was idempotent,
 *                               sent on a reused connection and nothing came back)
 * </pre>
 */
final class PooledConnection extends ChannelInboundHandlerAdapter implements ResponseListener {
    private final HostPool pool;
    private final ResponseReader reader;
    private Channel channel;
    private Exchange current;
    private boolean reused;
    private boolean answered;
    private ScheduledFuture<?> timeout;
    private List<Header> headers;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private String failure;

    PooledConnection(HostPool pool) {
        this.pool = pool;
        this.reader = new ResponseReader(this, 16 * 1024);
    }

    void attach(Channel connected) {
        this.channel = connected;
    }

    boolean usable() {
        return channel != null && channel.isActive() && current == null;
    }

    void send(Exchange exchange, boolean reusedConnection) {
        current = exchange;
        reused = reusedConnection;
        answered = false;
        failure = null;
        headers = new ArrayList<>();
        body.reset();
        reader.parser().headRequest(exchange.head());
        long nanos = pool.options().responseTimeout().toNanos();
        timeout = channel.eventLoop().schedule(() -> failed(ClientException.Kind.TIMEOUT,
                "no response within " + pool.options().responseTimeout().toMillis() + " ms", null), nanos, TimeUnit.NANOSECONDS);
        channel.writeAndFlush(Unpooled.wrappedBuffer(exchange.bytes)).addListener(f -> {
            if (!f.isSuccess()) {
                failed(Failures.kindOf(f.cause()), "sending failed: " + Failures.describe(f.cause()), f.cause());
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (current == null) {
                ctx.close(); // bytes nobody asked for: the connection can't be trusted
                return;
            }
            answered = true;
            reader.read(in);
            if (failure != null) {
                failed(ClientException.Kind.READ, failure, null);
            }
        } catch (MalformedResponseException e) {
            failed(ClientException.Kind.READ, e.getMessage(), e);
        } finally {
            in.release();
        }
    }

    @Override
    public void onHeader(byte[] buf, int nameStart, int nameEnd, int valueStart, int valueEnd) {
        headers.add(new Header(new String(buf, nameStart, nameEnd - nameStart, StandardCharsets.ISO_8859_1),
                new String(buf, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1)));
    }

    @Override
    public void onContent(byte[] buf, int offset, int length) {
        if (failure == null && body.size() + (long) length > pool.options().maxResponseBytes()) {
            failure = "the response body is larger than " + pool.options().maxResponseBytes() + " bytes";
        } else if (failure == null) {
            body.write(buf, offset, length);
        }
    }

    @Override
    public void onComplete(int status, boolean close) {
        if (failure != null || current == null) {
            return;
        }
        Exchange done = current;
        current = null;
        timeout.cancel(false);
        ClientResponse response = new ClientResponse(status, headers, body.toByteArray()); // before the next send resets them
        if (close || pool.closed()) {
            channel.close();
        } else {
            pool.released(this);
        }
        done.result.complete(response);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (current != null) {
            reader.closed(); // completes a body that the close delimits, which clears current
            failed(ClientException.Kind.READ, "the server closed the connection before the response ended", null);
        }
        pool.lost(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failed(Failures.kindOf(cause), Failures.describe(cause), cause);
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    private void failed(ClientException.Kind kind, String message, Throwable cause) {
        Exchange ex = current;
        if (ex == null) {
            return;
        }
        current = null;
        timeout.cancel(false);
        channel.close();
        if (pool.closed()) {
            ex.fail(ClientException.Kind.CLOSED, "the client was closed", cause);
        } else if (reused && !answered && !ex.retried && kind != ClientException.Kind.TIMEOUT && ex.request.idempotent()) {
            pool.retry(ex);
        } else {
            ex.fail(kind, message, cause);
        }
    }
}
