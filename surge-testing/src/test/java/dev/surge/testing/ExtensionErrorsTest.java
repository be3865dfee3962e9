package dev.surge.testing;

import dev.surge.web.App;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mistakes a test class can make, each run through JUnit (EngineTestKit) as a nested class
 * of its own, and the message each one gets: what was wrong and what to write instead.
 */
class ExtensionErrorsTest {

    @Test
    void noSetUpRoutesMethod() {
        assertEquals("NoRoutes is a @SurgeTest but has no @SetUpRoutes method to declare the routes under test;"
                + " add one, e.g. @SetUpRoutes static void routes(App app) { app.get(\"/hi\", ctx -> ctx.text(\"hi\")); }",
                KitRun.of(NoRoutes.class).onlyFailureMessage());
    }

    @Test
    void setUpRoutesOfTheWrongShape() {
        assertEquals("@SetUpRoutes method WrongShape.routes(String) is not static (the server starts once per class,"
                + " before any test instance exists), must take one parameter, the App, but takes (String),"
                + " must return void (add routes to the App it is given), but returns App; write it as "
                + RouteSetUp.EXAMPLE, KitRun.of(WrongShape.class).onlyFailureMessage());
    }

    @Test
    void twoSetUpRoutesMethods() {
        String message = KitRun.of(TwoRouteMethods.class).onlyFailureMessage();
        assertTrue(message.startsWith("TwoRouteMethods has 2 @SetUpRoutes methods (TwoRouteMethods."), message);
        assertTrue(message.endsWith("; keep one, e.g. " + RouteSetUp.EXAMPLE), message);
    }

    @Test
    void routesThatCannotBeServed() {
        Throwable failure = KitRun.of(ConflictingRoutes.class).failures().getFirst();
        assertInstanceOf(ExtensionConfigurationException.class, failure);
        assertTrue(failure.getMessage().startsWith("the routes of ConflictingRoutes cannot be served: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("/a"), failure.getMessage());
    }

    @Test
    void uriInMemory() {
        Throwable failure = KitRun.of(UriInMemory.class).failures().getFirst();
        assertInstanceOf(ParameterResolutionException.class, failure);
        assertEquals("a URI parameter needs a server on a socket, but this test class is @SurgeTest(inMemory = true):"
                + " take a TestClient instead, or remove inMemory = true", failure.getMessage());
    }

    @Test
    void serverParameterWithoutSurgeTest() {
        String message = KitRun.of(NotAnnotated.class).onlyFailureMessage();
        assertTrue(message.contains("NotAnnotated is not annotated @SurgeTest"), message);
    }

    @SurgeTest
    @ExtendWith(KitOnly.class)
    static class NoRoutes {
        @Test
        void test() {
        }
    }

    @SurgeTest
    @ExtendWith(KitOnly.class)
    static class WrongShape {
        @SetUpRoutes
        App routes(String path) {
            return App.create().get(path, ctx -> ctx.text("hi"));
        }

        @Test
        void test() {
        }
    }

    @SurgeTest
    @ExtendWith(KitOnly.class)
    static class TwoRouteMethods {
        @SetUpRoutes
        static void some(App app) {
        }

        @SetUpRoutes
        static void more(App app) {
        }

        @Test
        void test() {
        }
    }

    @SurgeTest
    @ExtendWith(KitOnly.class)
    static class ConflictingRoutes {
        @SetUpRoutes
        static void routes(App app) {
            app.get("/a", ctx -> ctx.text("1")).get("/a", ctx -> ctx.text("2"));
        }

        @Test
        void test() {
        }
    }

    @SurgeTest(inMemory = true)
    @ExtendWith(KitOnly.class)
    static class UriInMemory {
        @SetUpRoutes
        static void routes(App app) {
        }

        @Test
        void test(URI uri) {
        }
    }

    @ExtendWith({KitOnly.class, SurgeExtension.class})
    static class NotAnnotated {
        @Test
        void test(TestClient client) {
        }
    }
}
