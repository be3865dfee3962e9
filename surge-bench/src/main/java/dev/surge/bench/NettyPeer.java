package dev.surge.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;

/**
 * The raw Netty peer of {@code surge bench peers}: Netty's own {@link HttpServerCodec} on the
 * epoll transport with one event loop, answering {@code GET /plaintext}.
 *
 * <p>It is built the way the Netty entry of the TechEmpower benchmarks is, so that Surge is
 * compared with Netty at its best and not with a strawman: pooled direct buffers, header values
 * encoded once, header validation off, one flush per read batch, and a Date header refreshed once
 * a second on the event loop.
 *
 * <pre>
 * java ... -cp $SURGE_BENCH_CP dev.surge.bench.NettyPeer PORT [HOST]
 * </pre>
 */
public final class NettyPeer {
    private NettyPeer() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: NettyPeer PORT [HOST]   (HOST defaults to 127.0.0.1)");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        if (!Epoll.isAvailable()) {
            // A peer on another transport would not be a fair comparison: refuse instead.
            System.err.println("NettyPeer: the epoll transport is not available: " + Epoll.unavailabilityCause());
            System.exit(1);
        }

        // One loop accepts and serves, like Surge started with --event-loops 1.
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        NettyPeerHandler handler = new NettyPeerHandler(group.next());
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(EpollServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 8192)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    // Netty 4.2 defaults to the adaptive allocator; TechEmpower's entry ran on the pooled one.
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(decoderConfig()), handler);
                        }
                    })
                    .bind(new InetSocketAddress(host, port))
                    .sync()
                    .channel();
            System.out.println("NettyPeer listening on http://" + host + ":" + port + "/plaintext");
            server.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }

    /** The TechEmpower entry's limits (4096 / 8192 / 8192) with header validation off. */
    static HttpDecoderConfig decoderConfig() {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(4096)
                .setMaxHeaderSize(8192)
                .setMaxChunkSize(8192)
                .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(false));
    }
}
