package dev.surge.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that declares the routes of a {@link SurgeTest} class. It must be static
 * (the server starts before any test instance exists), return void and take the
 * {@link dev.surge.web.App} to add routes, filters and middleware to:
 * <pre>{@code
 * @SetUpRoutes
 * static void routes(App app) {
 *     app.get("/hi", ctx -> ctx.text("hi"));
 * }
 * }</pre>
 * It may be declared in a superclass, so that several test classes share one set of routes.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SetUpRoutes {
}
