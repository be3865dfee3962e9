/**
 * A pooled HTTP/1.1 client on Netty's event loops. Users program against
 * {@code dev.surge.client}; the wire format ({@code dev.surge.client.wire}) is internal.
 */
@SuppressWarnings("module") // surge.load, named below, is built after this module.
module surge.client {
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.classes.io_uring;
    requires io.netty.transport.unix.common;

    // The API users program against.
    exports dev.surge.client;

    // The load generator drives connections of its own with the client's encoder, parser and loops.
    exports dev.surge.client.wire to surge.load;
}
