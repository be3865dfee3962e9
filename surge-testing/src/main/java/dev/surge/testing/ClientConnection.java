package dev.surge.testing;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connection of a {@link TestClient}: the end of its pipeline (after Netty's
 * HttpClientCodec and HttpObjectAggregator), and one exchange at a time over it.
 * <pre>
 *   USABLE --request sent, response read--> USABLE
 *   USABLE --response without keep-alive, server closed, error, timeout--> SPENT (closed)
 * </pre>
 * Responses are copied out of Netty's buffers on the event loop, and the buffers released
 * there, so nothing the caller holds points into pooled memory.
 */
final class ClientConnection extends SimpleChannelInboundHandler<FullHttpResponse> {

    /** The connection closed before a single byte of the response arrived: a retry is safe for idempotent requests. */
    static final class ClosedBeforeResponse extends IOException {
        ClosedBeforeResponse(String message) {
            super(message);
        }
    }

    private Channel channel;
    private volatile CompletableFuture<TestResponse> pending;
    private volatile boolean usable = true;

    void attach(Channel channel) {
        this.channel = channel;
    }

    /** Whether another request may go over this connection. */
    boolean usable() {
        return usable && channel.isActive();
    }

    /**
     * Sends {@code request} and waits until {@code deadline} (System.nanoTime) for the answer.
     * Throws ClosedBeforeResponse, another IOException, or TimeoutException; on anything but a
     * response the connection is closed.
     */
    TestResponse exchange(FullHttpRequest request, long deadline) throws IOException, TimeoutException {
        CompletableFuture<TestResponse> answer = new CompletableFuture<>();
        pending = answer;
        channel.writeAndFlush(request).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                fail(new ClosedBeforeResponse("could not send the request: " + f.cause()));
            }
        });
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            close();
            throw e;
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the response");
        } catch (ExecutionException e) {
            close();
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    ChannelFuture close() {
        usable = false;
        return channel.close();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse message) {
        if (message.decoderResult().isFailure()) {
            fail(new IOException("malformed or cut-off response: " + message.decoderResult().cause(),
                    message.decoderResult().cause()));
            return;
        }
        if (message.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            return;
        }
        TestResponse response = new TestResponse(message.status().code(), headers(message),
                ByteBufUtil.getBytes(message.content()));
        boolean keepAlive = HttpUtil.isKeepAlive(message);
        if (!keepAlive) {
            // Before the caller wakes, so that its next request goes to a new connection.
            usable = false;
        }
        CompletableFuture<TestResponse> answer = pending;
        pending = null;
        if (answer != null) {
            answer.complete(response);
        }
        if (!keepAlive) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new ClosedBeforeResponse("the server closed the connection before it answered"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause instanceof IOException io ? io : new IOException(cause.toString(), cause));
    }

    private void fail(IOException cause) {
        usable = false;
        channel.close();
        CompletableFuture<TestResponse> answer = pending;
        pending = null;
        if (answer != null) {
            answer.completeExceptionally(cause);
        }
    }

    private static Map<String, List<String>> headers(FullHttpResponse message) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        message.headers().forEach(e -> headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return headers;
    }
}
