package dev.surge.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the deliberately broken test classes out of ordinary runs (an IDE running the whole
 * package, say): they run only when a test starts them through EngineTestKit with
 * {@link #PARAMETER} set.
 */
final class KitOnly implements ExecutionCondition {
    static final String PARAMETER = "surge.testing.kit-only";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(PARAMETER).filter("true"::equals).isPresent()
                ? ConditionEvaluationResult.enabled("started by EngineTestKit")
                : ConditionEvaluationResult.disabled("a deliberately broken class, run only through EngineTestKit");
    }
}
