package dev.surge.client.wire;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Client event loops: native epoll where Linux offers it, NIO elsewhere, or io_uring on request.
 *
 * @param group the event loops
 * @param channel the socket channel class that runs on them
 * @param transport "epoll", "io_uring" or "nio", for reports
 */
public record IoLoops(EventLoopGroup group, Class<? extends SocketChannel> channel, String transport) {

    /** Starts {@code threads} event loops whose threads are named {@code name-N}, on epoll or NIO. */
    public static IoLoops open(int threads, String name) {
        return open(threads, name, "auto");
    }

    /**
     * Starts {@code threads} event loops on {@code transport}: "auto" (epoll, else NIO), "epoll",
     * "io_uring" or "nio".
     *
     * @throws IllegalArgumentException naming the transport and why it cannot run here
     */
    public static IoLoops open(int threads, String name, String transport) {
        String kind = transport.toLowerCase(Locale.ROOT);
        if (kind.equals("auto")) {
            kind = Epoll.isAvailable() ? "epoll" : "nio";
        }
        IoHandlerFactory factory;
        Class<? extends SocketChannel> channel;
        switch (kind) {
            case "epoll" -> {
                require(Epoll.isAvailable(), kind, Epoll.unavailabilityCause());
                factory = EpollIoHandler.newFactory();
                channel = EpollSocketChannel.class;
            }
            case "io_uring" -> {
                require(IoUring.isAvailable(), kind, IoUring.unavailabilityCause());
                factory = IoUringIoHandler.newFactory();
                channel = IoUringSocketChannel.class;
            }
            case "nio" -> {
                factory = NioIoHandler.newFactory();
                channel = NioSocketChannel.class;
            }
            default -> throw new IllegalArgumentException("unknown transport '" + transport + "'; use auto, epoll, io_uring or nio");
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name), factory);
        return new IoLoops(group, channel, kind);
    }

    /** Stops the loops at once and waits until their threads have ended. */
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    private static void require(boolean available, String name, Throwable cause) {
        if (!available) {
            throw new IllegalArgumentException("the " + name + " transport is not available here ("
                    + (cause == null ? "unknown reason" : cause.getMessage()) + "); use --transport auto");
        }
    }
}
