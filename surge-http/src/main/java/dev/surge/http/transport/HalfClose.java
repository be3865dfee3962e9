package dev.surge.http.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.unix.Socket;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Ends a connection's output with a FIN while its input stays open, so that the client reads
 * the last response whole before the close (a close that meets unread input sends a reset,
 * which can destroy that response in the client's buffers), then lingers until the client
 * closes or {@link ConnectionLife#LINGER_MILLIS} pass: a connection's LINGERING stage.
 */
final class HalfClose {
    private HalfClose() {
    }

    /**
     * Once {@code lastWrite}, the connection's last response, is out: shuts the output, then
     * lingers ({@link #shutdownOutput}, {@link #linger}); closes at once if the write failed.
     */
    static void afterLastWrite(ChannelFuture lastWrite, boolean closeEndsBody, ConnectionLife life) {
        lastWrite.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                f.channel().close();
                return;
            }
            shutdownOutput(f.channel(), closeEndsBody);
            linger(f.channel(), life);
        });
    }

    /**
     * On the channel's loop, once its output is shut: closes it when the linger is over, unless
     * its client closes first. In a server the loop's sweep does it ({@code life} then says
     * when): no timer per connection, and nothing that holds a closed connection for the
     * linger (a timer did: 2 s of closed connections, about 280 MB of heap at 14,000 a second).
     * Outside one ({@code life} null), a timer.
     */
    static void linger(Channel channel, ConnectionLife life) {
        if (life != null) {
            life.shutAt(System.nanoTime());
        } else {
            channel.eventLoop().schedule(() -> channel.close(), ConnectionLife.LINGER_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * On the channel's loop, once everything written has been flushed: shuts the output. A
     * channel that cannot be half-closed (the in-memory transport) is left open for the
     * linger that follows: closing it now would drop what its peer has not read yet (Netty's
     * local transport releases a closed peer's unread input), and the client, told
     * {@code Connection: close}, closes it once it has read the last response. Unless
     * {@code closeEndsBody}: a body without a length ends only with the close, so it closes now.
     */
    static void shutdownOutput(Channel channel, boolean closeEndsBody) {
        // On epoll, the socket's own shutdown: Netty's shutdownOutput() builds an exception with
        // a stack trace for each call, to fail writes that are not there. Under 10,000
        // slowloris connections ended by 408s, that stack trace was about 3 % of the event
        // loop's time.
        if (channel instanceof EpollSocketChannel epoll && epoll.fd() instanceof Socket socket) {
            try {
                socket.shutdown(false, true);
            } catch (IOException e) {
                channel.close();
            }
            return;
        }
        if (!(channel instanceof DuplexChannel duplex)) {
            if (closeEndsBody) {
                channel.close();
            }
            return;
        }
        duplex.shutdownOutput().addListener((ChannelFutureListener) s -> {
            if (!s.isSuccess()) {
                s.channel().close();
            }
        });
    }
}
