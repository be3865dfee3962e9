package dev.surge.http.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.epoll.EpollSocketChannel;

/**
 * What the kernel says of a connection's sending, where the transport tells (epoll, through
 * TCP_INFO). The channel's own progress is not enough to judge a slow reader: it moves only
 * when the socket has room again, and a send buffer of some MiB that a client empties at a
 * steady 100 KB/s gains room (a third of it, for epoll to wake the writer) only every ten
 * seconds or more. The kernel sends data whenever the client reads, so the time since its last
 * send tells a slow reader from one that reads nothing.
 */
final class KernelSends {
    private KernelSends() {
    }

    /** Milliseconds since the kernel last sent data on {@code channel}; -1 when it cannot tell. */
    static long millisSinceDataSent(Channel channel) {
        if (channel instanceof EpollSocketChannel epoll && epoll.isActive()) {
            try {
                return epoll.tcpInfo().lastDataSent();
            } catch (ChannelException e) {
                return -1;  // closed meanwhile
            }
        }
        return -1;
    }
}
