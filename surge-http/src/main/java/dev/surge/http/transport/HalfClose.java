package dev.surge.http.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.unix.Socket;

import java.io.IOException;

/**
 * Ends a connection's output with a FIN while its input stays open, so that the client reads
 * the last response whole before the close (a close that meets unread input sends a reset,
 * which can destroy that response in the client's buffers).
 */
final class HalfClose {
    private HalfClose() {
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
