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
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.TimeUnit;

/**
 * Client event loops: native epoll where Linux offers it, NIO elsewhere.
 *
 * @param group the event loops
 * @param channel the socket channel class that runs on them
 * @param transport "epoll" or "nio", for reports
 */
public record IoLoops(EventLoopGroup group, Class<? extends SocketChannel> channel, String transport) {

    /** Starts {@code threads} event loops whose threads are named {@code name-N}. */
    public static IoLoops open(int threads, String name) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name), factory);
        return new IoLoops(group, epoll ? EpollSocketChannel.class : NioSocketChannel.class, epoll ? "epoll" : "nio");
    }

    /** Stops the loops at once and waits until their threads have ended. */
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
