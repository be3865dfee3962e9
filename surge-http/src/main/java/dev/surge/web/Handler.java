package dev.surge.web;

/**
 * Application code for one route: reads the request from the {@link Context} and sets the
 * response on it. By default it runs on a virtual thread of its own, so it may block (JDBC,
 * sleep, an HTTP call) the way a goroutine does; a handler wrapped in
 * {@link Route#inline(Handler)} runs on the event loop and must not block.
 */
@FunctionalInterface
public interface Handler {
    void handle(Context ctx) throws Exception;
}
