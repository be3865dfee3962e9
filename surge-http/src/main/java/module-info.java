/**
 * Surge's HTTP/1.1 server and the application API on it. Users program against
 * {@code dev.surge.http} (the server, its options and limits, requests and responses),
 * {@code dev.surge.web} (apps, routes, contexts, middleware), {@code dev.surge.web.files} (the
 * options of static files) and {@code dev.surge.web.overload} (the concurrency limit, the
 * memory guard, deadlines). The codec, the transport, the route table and the seams between the
 * web layer's packages are internal; no Netty type appears in an exported signature.
 */
@SuppressWarnings("requires-automatic") // DSL-JSON has no module name of its own (see docs/modules.md).
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
    exports dev.surge.web.files;
    exports dev.surge.web.overload;

    // Internal: dev.surge.http.codec, dev.surge.http.routing, dev.surge.http.transport, and
    // dev.surge.web.internal (what the web layer's packages lend each other).
}
