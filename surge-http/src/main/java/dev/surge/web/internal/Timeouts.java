package dev.surge.web.internal;

import java.time.Duration;

/** The one check of a timeout a user gives the web layer (an app's, a route's). */
public final class Timeouts {
    private Timeouts() {
    }

    /** {@code timeout} in nanoseconds, checked: 0 means none. */
    public static long checkedNanos(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("a timeout must be zero (none) or positive, got " + timeout);
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("timeout " + timeout + " is too long: at most 292 years", e);
        }
    }

}
