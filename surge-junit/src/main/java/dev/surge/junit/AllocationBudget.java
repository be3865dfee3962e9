package dev.surge.junit;

import org.opentest4j.AssertionFailedError;

import java.util.Locale;

/**
 * The most an operation may allocate on the heap, in bytes per operation: a test that fails
 * when a hot path starts to allocate. Measures allocation, never time.
 * <pre>{@code
 * AllocationBudget.of(0, "parse").assertOnThisThread(1_000, 10_000, () -> parser.parse(bytes));
 * // fails with: allocated 312.4 bytes per parse, budget 0
 * }</pre>
 *
 * @param bytes the budget, in bytes per operation
 * @param operation what one operation is, for messages ("request", "parse")
 */
public record AllocationBudget(double bytes, String operation) {

    public AllocationBudget {
        if (!(bytes >= 0)) {
            throw new IllegalArgumentException("a budget is a number of bytes >= 0, got " + bytes);
        }
        if (operation == null || operation.isBlank()) {
            throw new IllegalArgumentException("name the operation the budget is for, such as \"request\"");
        }
    }

    public static AllocationBudget of(double bytes, String operation) {
        return new AllocationBudget(bytes, operation);
    }

    /**
     * Runs {@code op} {@code warmups} times, then {@code ops} times in each of
     * {@value AllocatedBytes#WINDOWS} windows measured on this thread (see
     * {@link AllocatedBytes#perOp(int, int, AllocatedBytes.Operation)}); fails when the median
     * window allocated more than the budget per run. Returns the bytes per run.
     */
    public double assertOnThisThread(int warmups, int ops, AllocatedBytes.Operation op) throws Exception {
        return assertWithin(AllocatedBytes.perOp(warmups, ops, op), "the median of " + AllocatedBytes.WINDOWS
                + " windows of " + ops + " " + operation + "s on this thread");
    }

    /**
     * Fails when the counted threads allocated more than the budget for each of the {@code ops}
     * operations run since the counter started. Returns the bytes per operation.
     */
    public double assertWithin(AllocatedBytes counter, long ops) {
        return assertWithin(counter.perOp(ops), ops + " " + operation + "s on " + counter.threads());
    }

    /** Fails when {@code bytesPerOp}, measured elsewhere, is over the budget. Returns it. */
    public double assertWithin(double bytesPerOp) {
        return assertWithin(bytesPerOp, null);
    }

    private double assertWithin(double measured, String where) {
        if (measured > bytes) {
            throw new AssertionFailedError(String.format(Locale.ROOT, "allocated %.1f bytes per %s, budget %s%s",
                    measured, operation, number(bytes), where == null ? "" : " (" + where + ")"));
        }
        return measured;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
