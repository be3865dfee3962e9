package dev.surge.http.transport;

import dev.surge.http.Transport;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * A Netty transport made ready to serve: the event loop group, the server channel class and
 * the SO_REUSEPORT option where the transport has one.
 */
record IoTransport(Transport kind, EventLoopGroup group, Class<? extends ServerChannel> serverChannel,
                   ChannelOption<Boolean> reusePort) {

    /** Resolves {@code requested} on this machine; fails with the reason when it cannot run. */
    static IoTransport open(Transport requested, int eventLoops) {
        Transport kind = requested == Transport.AUTO ? (Epoll.isAvailable() ? Transport.EPOLL : Transport.NIO) : requested;
        return switch (kind) {
            case EPOLL -> {
                require(Epoll.isAvailable(), "epoll", Epoll.unavailabilityCause());
                yield new IoTransport(kind, group(eventLoops, EpollIoHandler.newFactory()),
                        EpollServerSocketChannel.class, EpollChannelOption.SO_REUSEPORT);
            }
            case IO_URING -> {
                require(IoUring.isAvailable(), "io_uring", IoUring.unavailabilityCause());
                yield new IoTransport(kind, group(eventLoops, IoUringIoHandler.newFactory()),
                        IoUringServerSocketChannel.class, IoUringChannelOption.SO_REUSEPORT);
            }
            case LOCAL -> new IoTransport(kind, group(eventLoops, LocalIoHandler.newFactory()),
                    LocalServerChannel.class, null);
            case NIO, AUTO -> new IoTransport(Transport.NIO, group(eventLoops, NioIoHandler.newFactory()),
                    NioServerSocketChannel.class, null);
        };
    }

    private static EventLoopGroup group(int threads, IoHandlerFactory factory) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("surge-io"), factory);
    }

    private static void require(boolean available, String name, Throwable cause) {
        if (!available) {
            String why = cause == null ? "unknown reason" : cause.getMessage();
            throw new IllegalStateException("the " + name + " transport is not available on this machine ("
                    + why + "); use --transport nio or leave --transport unset");
        }
    }
}
