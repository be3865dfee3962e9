package dev.surge.client;

import dev.surge.client.wire.Failures;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The connections to one host:port, all on one event loop, and the requests waiting for one.
 * Every method runs on that loop, so the pool needs no lock: callers hand work over with
 * {@link #submit}. A request takes the most recently used idle connection (the likeliest to be
 * still open), else opens one while fewer than the maximum are open, else waits in line.
 */
final class HostPool {
    private final Target target;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final ClientOptions options;
    private final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
    private final List<PooledConnection> all = new ArrayList<>();
    private int open;
    private boolean closed;

    HostPool(Target target, EventLoop loop, Bootstrap bootstrap, ClientOptions options) {
        this.target = target;
        this.loop = loop;
        this.options = options;
        this.bootstrap = bootstrap.clone(loop)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true);
    }

    void submit(Exchange exchange) {
        if (loop.inEventLoop()) {
            acquire(exchange);
        } else {
            loop.execute(() -> acquire(exchange));
        }
    }

    boolean closed() {
        return closed;
    }

    ClientOptions options() {
        return options;
    }

    private void acquire(Exchange exchange) {
        if (closed) {
            exchange.fail(ClientException.Kind.CLOSED, "the client is closed", null);
            return;
        }
        PooledConnection c;
        while ((c = idle.pollLast()) != null) {
            if (c.usable()) {
                c.send(exchange, true);
                return;
            }
        }
        if (open < options.maxConnectionsPerHost()) {
            connect(exchange);
        } else {
            waiting.add(exchange);
        }
    }

    private void connect(Exchange exchange) {
        open++;
        PooledConnection c = new PooledConnection(this);
        all.add(c);
        ChannelFuture f = bootstrap.clone().handler(c).connect(target.host(), target.port());
        f.addListener(done -> {
            if (done.isSuccess()) {
                c.attach(f.channel()); // the connect's listeners run before channelActive
                c.send(exchange, false);
            } else {
                exchange.fail(ClientException.Kind.CONNECT, "cannot connect to " + target.authority() + ": "
                        + Failures.describe(done.cause()), done.cause());
                lost(c);
            }
        });
    }

    /** {@code c} answered and may serve another request. */
    void released(PooledConnection c) {
        Exchange next = waiting.poll();
        if (next != null) {
            c.send(next, true);
        } else {
            idle.addLast(c);
        }
    }

    /** {@code c} closed; a waiting request may now open a connection of its own. */
    void lost(PooledConnection c) {
        if (!all.remove(c)) {
            return;
        }
        open--;
        idle.remove(c);
        Exchange next = waiting.poll();
        if (next != null) {
            acquire(next);
        }
    }

    /** Sends {@code exchange} again, on another connection: its reused one was closed under it. */
    void retry(Exchange exchange) {
        exchange.retried = true;
        acquire(exchange);
    }

    /** Fails the waiting requests and closes every connection; runs on the loop. */
    void close() {
        closed = true;
        Exchange e;
        while ((e = waiting.poll()) != null) {
            e.fail(ClientException.Kind.CLOSED, "the client is closed", null);
        }
        for (PooledConnection c : List.copyOf(all)) {
            c.close();
        }
    }

    EventLoop loop() {
        return loop;
    }
}
