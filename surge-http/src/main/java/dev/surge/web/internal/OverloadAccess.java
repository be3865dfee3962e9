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
        if (Lent.overload == null) {
            Lending.initialize(ConcurrencyLimit.class, "overload");
        }
        return Lent.overload;
    }

    /** Called once, by ConcurrencyLimit's class initializer. */
    static void lend(OverloadAccess access) {
        Lending.once(Lent.overload, "overload");
        Lent.overload = access;
    }
}
