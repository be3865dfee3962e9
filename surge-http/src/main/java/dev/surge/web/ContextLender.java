package dev.surge.web;

import dev.surge.http.ContentType;
import dev.surge.web.internal.ContextAccess;

import java.nio.channels.FileChannel;

/** What this package lends static files and overload protection of a Context (see {@link ContextAccess}); lent by Context's class initializer. */
final class ContextLender implements ContextAccess {
    @Override
    public String rawPathParam(Context ctx, String name) {
        return ctx.rawPathParam(name);
    }

    @Override
    public void answerFile(Context ctx, ContentType type, FileChannel channel, long position, long count) {
        ctx.answerFile(type, channel, position, count);
    }

    @Override
    public void resetResponse(Context ctx) {
        ctx.resetResponse();
    }

    @Override
    public void abandon(Context ctx) {
        ctx.abandon();
    }
}
