package dev.surge.web;

import java.util.List;

/**
 * A route's handler with its middleware and filters around it, composed once at start-up so
 * that a request walks a fixed chain of calls: nothing is looked up or allocated per request.
 */
final class Chain {
    private Chain() {
    }

    static Handler compose(List<Middleware> middleware, List<Handler> befores, Handler handler, List<Handler> afters) {
        Handler core = befores.isEmpty() && afters.isEmpty()
                ? handler : new Filtered(befores.toArray(Handler[]::new), handler, afters.toArray(Handler[]::new));
        for (int i = middleware.size() - 1; i >= 0; i--) {
            core = new Wrapped(middleware.get(i), core);
        }
        return core;
    }

    /** Whether every piece around a handler is known never to block. */
    static boolean loopSafe(List<Middleware> middleware, List<Handler> befores, List<Handler> afters) {
        return befores.isEmpty() && afters.isEmpty() && middleware.stream().allMatch(m -> m instanceof LoopSafe);
    }

    private record Wrapped(Middleware middleware, Handler next) implements Handler {
        @Override
        public void handle(Context ctx) throws Exception {
            middleware.handle(ctx, next);
        }
    }

    private record Filtered(Handler[] befores, Handler handler, Handler[] afters) implements Handler {
        @Override
        public void handle(Context ctx) throws Exception {
            for (Handler before : befores) {
                before.handle(ctx);
                if (ctx.answered()) {
                    break;
                }
            }
            if (!ctx.answered()) {
                handler.handle(ctx);
            }
            for (Handler after : afters) {
                after.handle(ctx);
            }
        }
    }
}
