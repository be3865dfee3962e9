package dev.surge.web;

import dev.surge.http.RequestHandler;
import dev.surge.http.Server;
import dev.surge.http.ServerOptions;
import dev.surge.web.internal.AdmissionControl;
import dev.surge.web.internal.OverloadAccess;
import dev.surge.web.internal.Timeouts;
import dev.surge.web.overload.ConcurrencyLimit;
import dev.surge.web.overload.Deadline;
import dev.surge.web.overload.MemoryGuard;

/**
 * A Surge application: routes, filters and middleware, then a server.
 * <pre>{@code
 * Server server = App.create()
 *     .use(Middleware.recovery())
 *     .get("/plaintext", Route.inline(ctx -> ctx.text("Hello, World!")))   // on the event loop
 *     .get("/users/{id}", ctx -> ctx.json(users.find(ctx.pathParam("id")))) // on a virtual thread
 *     .start(8080);
 * }</pre>
 * Routes are checked when the app starts: a conflict fails with a message naming both routes.
 */
public final class App extends Routes<App> {
    private Json json = Json.defaults();
    private long requestTimeoutNanos = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    private ConcurrencyLimit concurrencyLimit = ConcurrencyLimit.off();
    private MemoryGuard memoryGuard = MemoryGuard.defaults();
    /** What hears of every request, for metrics; null when nothing does. */
    RequestObserver observer;

    private App() {
        super("");
    }

    public static App create() {
        return new App();
    }

    @Override
    App self() {
        return this;
    }

    /** The JSON codec for {@link Context#json} and {@link Context#bodyAs}. */
    public App json(Json json) {
        this.json = java.util.Objects.requireNonNull(json, "json");
        return this;
    }

    /**
     * How long a request may take, from its arrival to its answer, unless its route has a
     * {@link Route#timeout} of its own (default 30 s; {@link java.time.Duration#ZERO}: none).
     * See {@link Deadline}.
     */
    public App requestTimeout(java.time.Duration timeout) {
        this.requestTimeoutNanos = Timeouts.checkedNanos(timeout);
        return this;
    }

    /** The cap on requests in flight on virtual threads (default {@link ConcurrencyLimit#off()}). */
    public App concurrencyLimit(ConcurrencyLimit limit) {
        this.concurrencyLimit = java.util.Objects.requireNonNull(limit, "limit");
        return this;
    }

    /** When to shed load for want of memory (default {@link MemoryGuard#defaults()}: 90 % of heap or direct memory). */
    public App memoryGuard(MemoryGuard guard) {
        this.memoryGuard = java.util.Objects.requireNonNull(guard, "guard");
        return this;
    }

    /** The memory guard this app's servers will run with. */
    public MemoryGuard memoryGuard() {
        return memoryGuard;
    }

    AdmissionControl admission() {
        return OverloadAccess.get().admission(requestTimeoutNanos, concurrencyLimit, memoryGuard);
    }

    /**
     * Reports every request this app answers to {@code observer} (e.g. surge-observe's
     * metrics): its route's pattern, method, status and time taken. Without one, the
     * router measures nothing.
     */
    public App observe(RequestObserver observer) {
        this.observer = java.util.Objects.requireNonNull(observer, "observer");
        return this;
    }

    /** The router for these routes, for {@link Server#start(ServerOptions, RequestHandler)}. */
    public RequestHandler handler() {
        return Router.build(this, json);
    }

    /** Starts serving on 127.0.0.1:{@code port}, with the defaults of {@link ServerOptions}. */
    public Server start(int port) {
        return start(ServerOptions.defaults().withPort(port));
    }

    /** Starts serving with {@code options}; fails with the reason when routes conflict or the port is taken. */
    public Server start(ServerOptions options) {
        return Server.start(options, handler());
    }
}
