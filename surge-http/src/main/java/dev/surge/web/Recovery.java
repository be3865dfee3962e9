package dev.surge.web;

import dev.surge.http.ConnectionClosedException;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns an exception into an answer. An {@link HttpException} is an answer already: its
 * status and message. Anything else is a bug: a 500 whose body and {@code X-Error-Id} carry a
 * random error id, logged once with its stack trace under that id, so a user's report finds
 * the log line. A client that went away gets nothing and is not logged as an error. When the
 * head was already streamed out, the response is discarded and the router closes the
 * connection, so the client sees a cut-off body rather than one that looks complete.
 */
final class Recovery implements Middleware, LoopSafe {
    static final Recovery MIDDLEWARE = new Recovery();
    private static final System.Logger LOG = System.getLogger("dev.surge.web.Recovery");

    private Recovery() {
    }

    @Override
    public void handle(Context ctx, Handler next) {
        try {
            next.handle(ctx);
        } catch (Throwable t) {
            answer(ctx, t);
        }
    }

    /** Answers {@code ctx} for the failure {@code t}. */
    static void answer(Context ctx, Throwable t) {
        if (ctx.abandoned() || t instanceof ConnectionClosedException) {
            LOG.log(System.Logger.Level.DEBUG, () -> "client gone during " + ctx + ": " + t);
            ctx.discardResponse();
            return;
        }
        if (t instanceof HttpException http && !ctx.streaming()) {
            ctx.resetResponse();
            ctx.status(http.status()).text(http.getMessage() + "\n");
            return;
        }
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        String requestId = ctx.requestId().map(rid -> " (request id " + rid + ")").orElse("");
        LOG.log(System.Logger.Level.ERROR, "error " + id + " in " + ctx + requestId, t);
        if (ctx.streaming()) {
            ctx.discardResponse();
            return;
        }
        ctx.resetResponse();
        ctx.status(500).header("X-Error-Id", id).text("Internal Server Error (error id " + id + ")\n");
    }
}
