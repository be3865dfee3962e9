/**
 * Surge's HTTP/1.1 server and the application API on it. Users program against two packages:
 * {@code dev.surge.http} (the server, its options and limits, requests and responses) and
 * {@code dev.surge.web} (apps, routes, contexts, middleware). The codec, the transport and the
 * route table are internal; no Netty type appears in an exported signature.
 */
@SuppressWarnings("requires-automatic") // DSL-JSON has no module name of its own (see the README, Modules).
module surge.http {
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.classes.io_uring;
    requires io.netty.transport.unix.common;
    requires dsl.json;
    // DSL-JSON, an automatic module, declares no requires of its own; its default converters load java.sql.Date.
    requires java.sql;
    requires java.management;
    requires jdk.management;
    // Deadline recognizes the JDK client's HttpTimeoutException as a timed-out upstream call.
    requires java.net.http;

    // The API users program against.
    exports dev.surge.http;
    exports dev.surge.web;

    // Internal: dev.surge.http.codec, dev.surge.http.routing, dev.surge.http.transport.
}
