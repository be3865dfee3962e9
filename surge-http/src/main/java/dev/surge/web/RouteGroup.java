package dev.surge.web;

/**
 * Routes that share a path prefix and filters: {@code app.group("/api", api -> api
 * .before(auth).get("/users/{id}", users::find))}. Groups nest; see {@link Routes} for the
 * order in which filters run.
 */
public final class RouteGroup extends Routes<RouteGroup> {
    RouteGroup(String prefix) {
        super(validPrefix(prefix));
    }

    @Override
    RouteGroup self() {
        return this;
    }

    private static String validPrefix(String prefix) {
        if (!prefix.startsWith("/") || prefix.length() > 1 && prefix.endsWith("/") || prefix.equals("/")) {
            throw new IllegalArgumentException("group prefix '" + prefix
                    + "' must start with '/' and not end with one, e.g. /api");
        }
        return prefix;
    }
}
