package dev.surge.testing;

import dev.surge.http.Server;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.net.URI;
import java.util.Optional;

/**
 * The JUnit extension behind {@link SurgeTest}: starts the class's server before its first
 * test, closes it after its last, and resolves {@link TestClient}, {@link Server} and
 * {@link URI} parameters. It is registered through {@code @SurgeTest}, which says which mode.
 * <p>
 * The server lives in the store of the annotated class's context. It is started by
 * {@code beforeAll}, or earlier by a constructor parameter when the class has a per-class
 * lifecycle (JUnit then makes the instance before {@code beforeAll}). A {@code @Nested}
 * class that is not annotated itself finds its enclosing class's server.
 */
final class SurgeExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SurgeExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (ownsServer(context)) {
            testServer(context);
        }
    }

    /** Each test gets a fresh connection, so that nothing a connection holds outlives it. */
    @Override
    public void afterEach(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            TestServer server = c.get().getStore(NAMESPACE).get(TestServer.class, TestServer.class);
            if (server != null) {
                server.client().disconnect();
                return;
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (ownsServer(context)) {
            TestServer server = context.getStore(NAMESPACE).remove(TestServer.class, TestServer.class);
            if (server != null) {
                server.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestClient.class || type == Server.class || type == URI.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestServer server = testServer(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == TestClient.class) {
            return server.client();
        }
        if (type == Server.class) {
            return server.server();
        }
        return server.uri();
    }

    /** The server of the nearest annotated class around {@code context}, started on first use. */
    private static TestServer testServer(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            ExtensionContext owner = c.get();
            if (ownsServer(owner)) {
                boolean inMemory = annotation(owner.getRequiredTestClass()).orElseThrow().inMemory();
                return owner.getStore(NAMESPACE).getOrComputeIfAbsent(TestServer.class,
                        k -> TestServer.start(owner.getRequiredTestClass(), inMemory), TestServer.class);
            }
        }
        throw new ParameterResolutionException(context.getDisplayName() + " asks for a Surge server, but "
                + context.getTestClass().map(Class::getSimpleName).orElse("its class")
                + " is not annotated @SurgeTest; annotate the test class");
    }

    /** A class context (not a method's) whose class carries @SurgeTest itself or from a superclass. */
    private static boolean ownsServer(ExtensionContext context) {
        return context.getTestMethod().isEmpty()
                && context.getTestClass().flatMap(SurgeExtension::annotation).isPresent();
    }

    private static Optional<SurgeTest> annotation(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, SurgeTest.class);
    }
}
