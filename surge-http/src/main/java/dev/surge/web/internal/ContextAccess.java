package dev.surge.web.internal;

import dev.surge.http.ContentType;
import dev.surge.web.Context;

import java.nio.channels.FileChannel;

/**
 * What static files and overload protection need of a {@link Context} beyond its public API,
 * lent by {@code dev.surge.web} (see {@link Lending}).
 */
public interface ContextAccess {
    /** The route's path parameter as it came, not decoded; null when there is none. */
    String rawPathParam(Context ctx, String name);

    /** Answers with a file body: the response takes the channel once the handler is done. */
    void answerFile(Context ctx, ContentType type, FileChannel channel, long position, long count);

    /** Forgets the status, headers and body set so far, for another answer. */
    void resetResponse(Context ctx);

    /** The deadline answered for the handler: what it does from now on is not sent. */
    void abandon(Context ctx);

    /** The Context seam; every caller holds a Context, so {@code dev.surge.web} has lent it. */
    static ContextAccess get() {
        return Lent.context;
    }

    /** Called once, by Context's class initializer. */
    static void lend(ContextAccess access) {
        Lending.once(Lent.context, "Context");
        Lent.context = access;
    }
}
