package dev.surge.testing;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.List;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs one {@link KitOnly} test class through JUnit in this JVM and reports how it went. */
record KitRun(EngineExecutionResults results) {

    static KitRun of(Class<?> testClass) {
        return new KitRun(EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(testClass))
                .configurationParameter(KitOnly.PARAMETER, "true")
                .execute());
    }

    /** What made the class or its tests fail, in the order they failed. */
    List<Throwable> failures() {
        return results.allEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .toList();
    }

    /** The message of the only failure; fails the calling test when there is not exactly one. */
    String onlyFailureMessage() {
        List<Throwable> failures = failures();
        if (failures.size() != 1) {
            throw new AssertionError("expected one failure, got " + failures);
        }
        return failures.getFirst().getMessage();
    }
}
