package dev.surge.web;

import dev.surge.http.Method;
import dev.surge.web.files.FileOptions;
import dev.surge.web.internal.FilesAccess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Routes and the filters around them, for an {@link App} or a {@link RouteGroup}. For each
 * request the pieces run in this order:
 * <ol>
 *   <li>middleware given to {@link #use}: the app's first, then each enclosing group's, each
 *       list in registration order, the first outermost;</li>
 *   <li>{@link #before} filters, app first, then groups, each in registration order; once
 *       one answers ({@link Context#answered()}), the rest and the handler are skipped;</li>
 *   <li>the route's handler;</li>
 *   <li>{@link #after} filters, app first, then groups, each in registration order. They run
 *       when the handler or a before filter answered normally, and may still change the
 *       response; an exception skips them and goes out through the middleware.</li>
 * </ol>
 * A group's filters apply to every route of the group, including routes added before them.
 *
 * @param <S> the concrete type, so that calls chain
 */
public abstract sealed class Routes<S extends Routes<S>> permits App, RouteGroup {
    /** One route as registered, with its full pattern. */
    record Registration(Method method, String pattern, Handler handler) {
    }

    final String prefix;
    final List<Registration> routes = new ArrayList<>();
    final List<Middleware> middleware = new ArrayList<>();
    final List<Handler> befores = new ArrayList<>();
    final List<Handler> afters = new ArrayList<>();
    final List<RouteGroup> groups = new ArrayList<>();

    Routes(String prefix) {
        this.prefix = prefix;
    }

    abstract S self();

    public S get(String path, Handler handler) {
        return route(Method.GET, path, handler);
    }

    public S post(String path, Handler handler) {
        return route(Method.POST, path, handler);
    }

    public S put(String path, Handler handler) {
        return route(Method.PUT, path, handler);
    }

    public S delete(String path, Handler handler) {
        return route(Method.DELETE, path, handler);
    }

    public S patch(String path, Handler handler) {
        return route(Method.PATCH, path, handler);
    }

    /** An explicit HEAD route; without one, HEAD is answered by the GET route, body left off. */
    public S head(String path, Handler handler) {
        return route(Method.HEAD, path, handler);
    }

    /** An explicit OPTIONS route; without one, OPTIONS is answered 204 with {@code Allow}. */
    public S options(String path, Handler handler) {
        return route(Method.OPTIONS, path, handler);
    }

    /**
     * Adds a route. {@code path} starts with '/'; a segment may be a parameter
     * ({@code /users/{id}}) and the last may be {@code *}, which matches the rest of the path.
     * Conflicts with other routes are reported when the app starts, naming both routes.
     */
    public S route(Method method, String path, Handler handler) {
        if (method == null || handler == null) {
            throw new IllegalArgumentException("route " + method + " " + path + " needs a method and a handler");
        }
        routes.add(new Registration(method, join(prefix, path), handler));
        return self();
    }

    /**
     * Serves the files under {@code directory} at {@code prefix} (e.g. {@code /static}), with
     * the default {@link FileOptions}: {@code GET /static/css/site.css} answers with
     * {@code directory/css/site.css}. See {@link #files(String, Path, FileOptions)}.
     */
    public S files(String prefix, Path directory) {
        return files(prefix, directory, FileOptions.defaults());
    }

    /**
     * Serves the files under {@code directory} at {@code prefix}, for GET and HEAD: type by
     * extension, Last-Modified, a strong ETag, conditional requests (304), single byte ranges
     * (206, 416), precompressed {@code .gz} siblings, and the bytes sent from the page cache to
     * the socket (sendfile). No path leads outside the directory, links included (404).
     * {@code prefix} itself is redirected to {@code prefix/}. The directory must exist now.
     */
    public S files(String prefix, Path directory, FileOptions options) {
        java.util.Objects.requireNonNull(options, "options");
        if (prefix == null || !prefix.startsWith("/") || prefix.contains("{") || prefix.contains("*")) {
            throw new IllegalArgumentException("files prefix '" + prefix + "' must start with '/' and hold no parameters");
        }
        String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        FilesAccess access = FilesAccess.get();
        Handler files = access.staticFiles(directory, options);
        Handler handler = options.onEventLoop() ? Route.inline(files) : files;
        if (!base.isEmpty()) {
            Handler redirect = access.redirectToDirectory();
            route(Method.GET, base, options.onEventLoop() ? Route.inline(redirect) : redirect);
        }
        return route(Method.GET, base + "/*", handler);
    }

    /** Routes under {@code prefix} (e.g. {@code /api/v1}), with filters of their own. */
    public S group(String prefix, Consumer<RouteGroup> body) {
        RouteGroup group = new RouteGroup(join(this.prefix, prefix));
        body.accept(group);
        groups.add(group);
        return self();
    }

    /** Middleware around every route of this app or group (and 404/405 answers, for the app). */
    public S use(Middleware middleware) {
        this.middleware.add(java.util.Objects.requireNonNull(middleware, "middleware"));
        return self();
    }

    /** A filter before every route's handler. */
    public S before(Handler filter) {
        befores.add(java.util.Objects.requireNonNull(filter, "filter"));
        return self();
    }

    /** A filter after every route's handler. */
    public S after(Handler filter) {
        afters.add(java.util.Objects.requireNonNull(filter, "filter"));
        return self();
    }

    private static String join(String prefix, String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path '" + path + "' must start with '/'");
        }
        if (prefix.isEmpty()) {
            return path;
        }
        return path.equals("/") ? prefix : prefix + path;
    }
}
