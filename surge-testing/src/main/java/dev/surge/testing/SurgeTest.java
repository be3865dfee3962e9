package dev.surge.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Serves the routes of a test class for its tests: the class declares them in a static
 * {@link SetUpRoutes} method, the server starts once before the first test and closes after
 * the last, and tests take a {@link TestClient}, the {@link dev.surge.http.Server} or its base
 * {@link java.net.URI} as parameters (constructor, test and lifecycle methods alike).
 * <pre>{@code
 * @SurgeTest
 * class HelloTest {
 *     @SetUpRoutes
 *     static void routes(App app) {
 *         app.get("/hello/{name}", ctx -> ctx.text("Hello, " + ctx.pathParam("name")));
 *     }
 *
 *     @Test
 *     void greets(TestClient client) {
 *         assertEquals("Hello, Ada", client.get("/hello/Ada").text());
 *     }
 * }
 * }</pre>
 * The same test body runs with or without a socket: put the tests in an abstract class and
 * extend it twice, once {@code @SurgeTest} and once {@code @SurgeTest(inMemory = true)}.
 * {@code @Nested} classes share the server of the class around them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SurgeExtension.class)
@SuppressWarnings("exports") // JUnit reaches SurgeExtension through the module's opens; users need not.
public @interface SurgeTest {

    /**
     * False (the default): a real server on 127.0.0.1, on a free port, with one event loop
     * and the machine's best transport (epoll on Linux, else NIO). True: the same routes
     * served in memory through {@link dev.surge.http.Transport#LOCAL}, with no socket, so
     * there is no port and no {@link java.net.URI} to inject.
     */
    boolean inMemory() default false;
}
