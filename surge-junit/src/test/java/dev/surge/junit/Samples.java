package dev.surge.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs sample test classes the way surefire runs every test: through JUnit with extension
 * auto-detection on, so LeakCheck comes from surge-junit's service file. Samples are nested
 * classes marked {@code @EnabledIf("dev.surge.junit.Samples#enabled")}: they run only here,
 * never on their own, since most of them fail on purpose.
 */
final class Samples {
    private static final String ENABLED = "surge.junit.samples";

    /** How one sample class ended: each test's failure message by test name, and the class's own. */
    record Outcome(Map<String, String> failedTests, List<String> passedTests, List<String> classFailures) {
        String failure(String test) {
            String message = failedTests.get(test);
            if (message == null) {
                throw new AssertionError(test + " did not fail; failures: " + failedTests);
            }
            return message;
        }
    }

    private Samples() {
    }

    static boolean enabled(ExtensionContext context) {
        return context.getConfigurationParameter(ENABLED).isPresent();
    }

    static Outcome run(Class<?> sample) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(sample))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter(ENABLED, "true")
                // Samples that leak on purpose need not wait the full two seconds to fail.
                .configurationParameter(LeakCheck.WAIT_PARAMETER, "300")
                .execute();
        Map<String, String> failed = new TreeMap<>();
        results.testEvents().failed().stream().forEach(e -> failed.put(name(e), message(e)));
        List<String> passed = results.testEvents().succeeded().stream().map(Samples::name).sorted().toList();
        List<String> classFailures = messages(results.containerEvents().failed());
        return new Outcome(failed, passed, classFailures);
    }

    private static String name(Event event) {
        return event.getTestDescriptor().getDisplayName();
    }

    private static List<String> messages(Events failed) {
        return failed.stream().map(Samples::message).toList();
    }

    private static String message(Event event) {
        TestExecutionResult result = event.getPayload(TestExecutionResult.class).orElseThrow();
        assert result.getStatus() == Status.FAILED;
        return result.getThrowable().map(Throwable::getMessage).orElse("(no message)");
    }
}
