package dev.surge.web;

import dev.surge.http.AsyncResponse;
import dev.surge.http.ConnectionClosedException;
import dev.surge.http.Method;
import dev.surge.http.Request;
import dev.surge.http.RequestHandler;
import dev.surge.http.Response;
import dev.surge.http.ServerHealth;
import dev.surge.http.codec.ParsedRequest;
import dev.surge.http.routing.RouteTable;
import dev.surge.web.internal.AdmissionControl;
import dev.surge.web.internal.TimedAnswer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link RequestHandler} of an {@link App}: finds the route, then runs its chain on the
 * event loop (inline routes) or on a new virtual thread, with a copy of the request and the
 * response deferred, so that a handler may block without holding up the loop or any other
 * connection. The connection queues deferred responses, so requests pipelined on one
 * connection run concurrently and are still answered in order.
 * <p>
 * No route for the path gives 404; a path whose routes lack the method gives 405 with
 * {@code Allow}; HEAD falls back to the GET route; OPTIONS without a route of its own gives
 * 204 with {@code Allow}. These answers pass through the app's middleware and filters.
 */
final class Router implements RequestHandler {
    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    /**
     * A route ready to run: its whole chain, where it runs, its timeout (-1: the app's), and
     * its id for a {@link RequestObserver}.
     */
    record Compiled(Handler chain, boolean inline, long timeoutNanos, int id) {
    }

    private final RouteTable<Compiled> table;
    private final Json json;
    private final Compiled notFound;
    private final Compiled notAllowed;
    private final Compiled options;
    private final String allMethods;
    private final List<AutoCloseable> resources;
    private final ThreadFactory virtualThreads = Thread.ofVirtual().name("surge-handler").factory();
    private final LongAdder inFlight = new LongAdder();
    private final AdmissionControl admission;
    private final RequestObserver observer;

    private Router(RouteTable<Compiled> table, Json json, Compiled notFound, Compiled notAllowed, Compiled options,
                   String allMethods, List<AutoCloseable> resources, AdmissionControl admission, RequestObserver observer) {
        this.observer = observer;
        this.table = table;
        this.json = json;
        this.notFound = notFound;
        this.notAllowed = notAllowed;
        this.options = options;
        this.allMethods = allMethods;
        this.resources = resources;
        this.admission = admission;
    }

    static Router build(App app, Json json) {
        RouteTable.Builder<Compiled> builder = RouteTable.builder();
        java.util.EnumSet<Method> methods = java.util.EnumSet.of(Method.OPTIONS);
        List<AutoCloseable> resources = new ArrayList<>();
        List<String> patterns = new ArrayList<>(List.of(RequestObserver.UNMATCHED));
        compile(app, List.of(), List.of(), List.of(), builder, methods, resources, patterns);
        if (methods.contains(Method.GET)) {
            methods.add(Method.HEAD);
        }
        RouteTable<Compiled> table = builder.build();
        String allMethods = String.join(", ", methods.stream().map(Enum::name).toList());
        List<Middleware> m = app.middleware;
        boolean loopSafe = Chain.loopSafe(m, app.befores, app.afters);
        Compiled notFound = new Compiled(Chain.compose(m, app.befores, ctx -> ctx.status(404)
                .text("Not Found: no route for " + ctx.path() + "\n"), app.afters), loopSafe, -1, 0);
        Compiled notAllowed = new Compiled(Chain.compose(m, app.befores, ctx -> {
            String allow = allowed(table, allMethods, ctx.request());
            ctx.status(405).header("Allow", allow)
                    .text("Method Not Allowed: " + ctx.path() + " allows " + allow + "\n");
        }, app.afters), loopSafe, -1, 0);
        Compiled options = new Compiled(Chain.compose(m, app.befores, ctx -> {
            ctx.status(204).header("Allow", allowed(table, allMethods, ctx.request()));
            ctx.noContent();
        }, app.afters), loopSafe, -1, 0);
        Router router = new Router(table, json, notFound, notAllowed, options, allMethods, resources, app.admission(),
                app.observer);
        if (app.observer != null) {
            app.observer.routes(List.copyOf(patterns), router.inFlight::sum);
        }
        return router;
    }

    private static void compile(Routes<?> scope, List<Middleware> middleware, List<Handler> befores, List<Handler> afters,
                                RouteTable.Builder<Compiled> table, java.util.Set<Method> methods,
                                List<AutoCloseable> resources, List<String> patterns) {
        List<Middleware> m = concat(middleware, scope.middleware);
        List<Handler> b = concat(befores, scope.befores);
        List<Handler> a = concat(afters, scope.afters);
        for (Middleware each : scope.middleware) {
            if (each instanceof AutoCloseable closeable && !resources.contains(closeable)) {
                resources.add(closeable);
            }
        }
        for (Routes.Registration r : scope.routes) {
            Route.Options route = Route.Options.of(r.handler());
            if (route.handler() instanceof AutoCloseable closeable && !resources.contains(closeable)) {
                resources.add(closeable);  // e.g. the open files of a files() route
            }
            if (!patterns.contains(r.pattern())) {
                patterns.add(r.pattern());
            }
            table.add(r.method(), r.pattern(), new Compiled(Chain.compose(m, b, route.handler(), a), route.inline(),
                    route.timeoutNanos(), patterns.indexOf(r.pattern())));
            methods.add(r.method());
        }
        for (RouteGroup group : scope.groups) {
            compile(group, m, b, a, table, methods, resources, patterns);
        }
    }

    private static <T> List<T> concat(List<T> outer, List<T> inner) {
        if (inner.isEmpty()) {
            return outer;
        }
        List<T> all = new ArrayList<>(outer);
        all.addAll(inner);
        return List.copyOf(all);
    }

    @Override
    public RequestHandler forConnection() {
        if (observer != null) {
            return new Observed(new ConnectionScope(json, admission, observer.forConnection()));
        }
        ConnectionScope scope = new ConnectionScope(json, admission, null);
        return (request, response) -> route(request, response, scope);
    }

    @Override
    public void handle(Request request, Response response) {
        ConnectionScope scope = new ConnectionScope(json, admission, observer == null ? null : observer.forConnection());
        route(request, response, scope);
        if (scope.recorder != null) {
            scope.recorder.beforeFlush();
        }
    }

    /** Counts refusals in the server's health, reports shedding there, and starts the deadlines' watchdog. */
    @Override
    public void attach(ServerHealth health) {
        admission.attach(health);
    }

    /** A connection's handler when the app is observed: it tells the recorder when the connection flushes. */
    private final class Observed implements RequestHandler {
        private final ConnectionScope scope;

        Observed(ConnectionScope scope) {
            this.scope = scope;
        }

        @Override
        public void handle(Request request, Response response) {
            route(request, response, scope);
        }

        @Override
        public void beforeFlush() {
            scope.recorder.beforeFlush();
        }
    }

    private void route(Request request, Response response, ConnectionScope scope) {
        Method method = request.method();
        RouteTable.Match<Compiled> match = find(method, request);
        if (match == null && method == Method.HEAD) {
            match = find(Method.GET, request);
        }
        if (match != null) {
            run(match.value(), request, response, match, scope);
            return;
        }
        String allow = allowed(request);
        Compiled answer = allow == null ? notFound : method == Method.OPTIONS ? options : notAllowed;
        run(answer, request, response, null, scope);
    }

    private RouteTable.Match<Compiled> find(Method method, Request request) {
        return request instanceof ParsedRequest parsed ? table.find(method, parsed) : table.find(method, request.path());
    }

    private String allowed(Request request) {
        return allowed(table, allMethods, request);
    }

    /** The Allow value for the request's path ({@code *}: the whole server), or null when no route matches it. */
    private static String allowed(RouteTable<Compiled> table, String allMethods, Request request) {
        if (request.path().equals("*")) {
            return allMethods;
        }
        return (request instanceof ParsedRequest parsed ? table.allowed(parsed) : table.allowed(request.path()))
                .orElse(null);
    }

    private void run(Compiled route, Request request, Response response, RouteTable.Match<Compiled> match,
                     ConnectionScope scope) {
        RequestObserver.Recorder recorder = scope.recorder;
        long start = recorder == null ? 0 : recorder.start();
        if (route.inline()) {
            if (!admission.admitInline(request, response, route.timeoutNanos())) {
                if (recorder != null) {
                    recorder.end(route.id(), request.method(), 503, start);  // shed before its handler
                }
                return;
            }
            Context ctx = new Context(request, response, match, scope, true);
            execute(ctx, route.chain());
            if (recorder != null) {
                recorder.end(route.id(), request.method(), ctx.status(), start);
            }
            return;
        }
        if (!admission.admit(response)) {
            if (recorder != null) {
                recorder.end(route.id(), request.method(), 503, start);
            }
            return;
        }
        AsyncResponse later = response.defer();
        TimedAnswer timed = null;
        try {
            timed = admission.timed(request, later, route.timeoutNanos());
            Context ctx = new Context(request.detach(), timed, match, scope, false);
            TimedAnswer answer = timed;
            Thread thread = virtualThreads.newThread(() -> {
                try {
                    if (answer.begin(ctx.request())) {
                        execute(ctx, route.chain());
                    }
                } finally {
                    answer.end();
                    inFlight.decrement();
                    if (recorder != null) {
                        recorder.end(route.id(), ctx.method(), ctx.status(), start);
                    }
                }
            });
            timed.bind(ctx, thread);
            inFlight.increment();
            later.start(thread);
        } catch (RuntimeException | OutOfMemoryError e) {
            // The response is deferred: unless it is answered here, the connection waits for it forever.
            LOG.log(System.Logger.Level.ERROR, "cannot hand " + request + " to a virtual thread", e);
            admission.notStarted();
            (timed != null ? timed : later).status(503).text("Service Unavailable: cannot start a handler thread\n");
            if (recorder != null) {
                recorder.end(route.id(), request.method(), 503, start);
            }
        }
    }

    /** Runs the chain, turns a failure into an answer, and sends the response. */
    private static void execute(Context ctx, Handler chain) {
        try {
            chain.handle(ctx);
        } catch (Throwable t) {
            Recovery.answer(ctx, t);
        }
        try {
            if (ctx.discarded()) {
                ctx.response().abort();
            } else {
                ctx.finish();
            }
        } catch (ConnectionClosedException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "client gone before the response to " + ctx + " was sent");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot send the response to " + ctx, e);
            ctx.response().abort();
        }
    }

    /**
     * After the server closed its connections (which interrupted their virtual threads):
     * waits for the handlers still running, then closes the app's resources (access logs,
     * open files).
     */
    @Override
    public void close(java.time.Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (inFlight.sum() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.sum() > 0) {
            LOG.log(System.Logger.Level.WARNING, inFlight.sum() + " handler(s) still running "
                    + wait.toMillis() + " ms after the server closed: they ignore interruption, and are left");
        }
        admission.close();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + resource + " failed", e);
            }
        }
    }
}
