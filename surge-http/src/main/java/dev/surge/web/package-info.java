/**
 * The application API most services program against: {@link dev.surge.web.App} and its routes
 * ({@link dev.surge.web.Route}, {@link dev.surge.web.RouteGroup}), {@link dev.surge.web.Handler}
 * and {@link dev.surge.web.Middleware}, the per-request {@link dev.surge.web.Context}, cookies,
 * JSON and errors as {@link dev.surge.web.HttpException}. Exported. Its package-private part is
 * the router that turns routes into a {@link dev.surge.http.RequestHandler}. It may use
 * {@code dev.surge.http} and its routing and codec packages, and reaches static files and
 * overload protection only through {@code dev.surge.web.internal}'s seams.
 */
package dev.surge.web;
