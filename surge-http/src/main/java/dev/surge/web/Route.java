package dev.surge.web;

/**
 * Options of a route, given by wrapping its handler. {@code Route.inline(h)} runs {@code h}
 * on the connection's event loop, skipping the hand-off to a virtual thread: for the fastest
 * endpoints, whose handler (and middleware) never blocks.
 */
public final class Route {
    private Route() {
    }

    /** Runs {@code handler} on the event loop: it must not block, not even briefly. */
    public static Handler inline(Handler handler) {
        if (handler instanceof InlineHandler) {
            return handler;
        }
        return new InlineHandler(handler);
    }

    /** A handler marked to run on the event loop. */
    record InlineHandler(Handler handler) implements Handler {
        @Override
        public void handle(Context ctx) throws Exception {
            handler.handle(ctx);
        }
    }
}
