package dev.surge.web.overload;

import dev.surge.web.internal.AdmissionControl;
import dev.surge.web.internal.OverloadAccess;

/** What this package lends the web layer (see {@link OverloadAccess}); lent by {@link ConcurrencyLimit}'s class initializer. */
final class OverloadLender implements OverloadAccess {
    @Override
    public AdmissionControl admission(long defaultTimeoutNanos, ConcurrencyLimit limit, MemoryGuard memory) {
        return new Admission(defaultTimeoutNanos, limit, memory);
    }
}
