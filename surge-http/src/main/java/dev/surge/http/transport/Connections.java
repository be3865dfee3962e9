package dev.surge.http.transport;

import dev.surge.http.RequestHandler;
import dev.surge.http.RequestLimits;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;

/**
 * Makes the per-connection HTTP/1.1 handler outside a listening server: for running routes
 * in memory (Netty's EmbeddedChannel) in benchmarks and tests. Applications use
 * {@link dev.surge.http.Server} instead.
 */
public final class Connections {
    private Connections() {
    }

    /**
     * A new handler for one connection; it answers on the channel it is added to. Its Date
     * line is the one of its creation: only a {@link dev.surge.http.Server} refreshes it.
     */
    public static ChannelHandler newHttpConnection(RequestHandler handler, RequestLimits limits, ByteBufAllocator alloc) {
        return new HttpConnection(handler, new dev.surge.http.codec.DateHeader(),
                dev.surge.http.ServerOptions.defaults().withLimits(limits), new dev.surge.http.ServerHealth(), alloc, null, null);
    }
}
