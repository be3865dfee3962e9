package dev.surge.http.routing;

import dev.surge.http.Method;

/** One route as the table keeps it: the method and checked pattern it answers, and the caller's value. */
record RouteEntry<T>(Method method, RoutePattern pattern, T value) {

    /** How errors name the route: {@code GET /users/{id}}. */
    @Override
    public String toString() {
        return method + " " + pattern.text();
    }
}
