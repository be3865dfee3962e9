package dev.surge.testing;

import dev.surge.web.App;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the {@link SetUpRoutes} method of a test class (or of a superclass), checks its
 * shape and calls it on a new {@link App}. Every mistake is reported with the line to write.
 */
final class RouteSetUp {
    static final String EXAMPLE = "@SetUpRoutes static void routes(App app) { app.get(\"/hi\", ctx -> ctx.text(\"hi\")); }";

    private RouteSetUp() {
    }

    /** The app the test class declares; throws ExtensionConfigurationException saying what to write. */
    static App appFor(Class<?> testClass) {
        List<Method> methods = ReflectionSupport.findMethods(testClass,
                m -> m.isAnnotationPresent(SetUpRoutes.class), HierarchyTraversalMode.TOP_DOWN);
        String name = testClass.getSimpleName();
        if (methods.isEmpty()) {
            throw new ExtensionConfigurationException(name + " is a @SurgeTest but has no @SetUpRoutes method"
                    + " to declare the routes under test; add one, e.g. " + EXAMPLE);
        }
        if (methods.size() > 1) {
            throw new ExtensionConfigurationException(name + " has " + methods.size() + " @SetUpRoutes methods ("
                    + methods.stream().map(RouteSetUp::describe).collect(Collectors.joining(", "))
                    + "); keep one, e.g. " + EXAMPLE);
        }
        Method method = methods.getFirst();
        List<String> problems = problems(method);
        if (!problems.isEmpty()) {
            throw new ExtensionConfigurationException("@SetUpRoutes method " + describe(method) + " "
                    + String.join(", ", problems) + "; write it as " + EXAMPLE);
        }
        App app = App.create();
        try {
            ReflectionSupport.invokeMethod(method, null, app);
        } catch (RuntimeException | Error e) {
            throw new ExtensionConfigurationException("@SetUpRoutes method " + describe(method) + " failed: " + e, e);
        }
        return app;
    }

    private static List<String> problems(Method method) {
        List<String> problems = new ArrayList<>();
        if (!Modifier.isStatic(method.getModifiers())) {
            problems.add("is not static (the server starts once per class, before any test instance exists)");
        }
        if (!Arrays.equals(method.getParameterTypes(), new Class<?>[] {App.class})) {
            problems.add("must take one parameter, the App, but takes (" + parameters(method) + ")");
        }
        if (method.getReturnType() != void.class) {
            problems.add("must return void (add routes to the App it is given), but returns "
                    + method.getReturnType().getSimpleName());
        }
        return problems;
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "(" + parameters(method) + ")";
    }

    private static String parameters(Method method) {
        return Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "));
    }
}
