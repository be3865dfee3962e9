package dev.surge.web.internal;

import dev.surge.web.overload.ConcurrencyLimit;
import dev.surge.web.overload.MemoryGuard;

/** What the web layer needs of overload protection, lent by {@code dev.surge.web.overload} (see {@link Lending}). */
public interface OverloadAccess {
    /**
     * An app's admission of requests: the deadline of its requests ({@code defaultTimeoutNanos},
     * 0 for none), its concurrency limit and memory guard.
     */
    AdmissionControl admission(long defaultTimeoutNanos, ConcurrencyLimit limit, MemoryGuard memory);

    /** The overload seam; initializes {@code dev.surge.web.overload} if nothing has yet. */
    static OverloadAccess get() {
        OverloadAccess lent = Lending.borrow(Lent.overload, ConcurrencyLimit.class, "overload");
        return lent != null ? lent : Lent.overload;
    }

    /** Called once, by ConcurrencyLimit's class initializer. */
    static void lend(OverloadAccess access) {
        Lending.once(Lent.overload, "overload");
        Lent.overload = access;
    }
}
