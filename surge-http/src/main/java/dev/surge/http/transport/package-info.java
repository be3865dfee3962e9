/**
 * The transport, internal: listeners on Netty's epoll, io_uring or NIO transport, and one
 * connection's life ({@link dev.surge.http.transport.HttpConnection}, its stages decided by
 * {@link dev.surge.http.transport.ConnectionLife}, its responses kept in order by
 * {@link dev.surge.http.transport.ConnectionOutput}, its timeouts judged by the loop's
 * {@link dev.surge.http.transport.ConnectionSweep}). It may use {@code dev.surge.http},
 * {@code codec} and Netty; it calls the handler through {@link dev.surge.http.RequestHandler}
 * only. The pure decisions (ConnectionLife, SlowClientCheck, RequestArrivals) take the clock as
 * a parameter and are tested without sockets.
 */
package dev.surge.http.transport;
