package dev.surge.web.internal;

import dev.surge.web.App;
import dev.surge.web.overload.ConcurrencyLimit;
import dev.surge.web.overload.MemoryGuard;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each seam is lent by its package's class initializer, found when asked for, and lent once only. */
class SeamsTest {
    @Test
    void theOverloadAndFilesSeamsInitializeTheirPackagesWhenAskedFor() {
        OverloadAccess overload = OverloadAccess.get();
        assertNotNull(overload);
        try (AdmissionControl admission = overload.admission(0, ConcurrencyLimit.off(), MemoryGuard.off())) {
            assertNotNull(admission);
        }
        assertNotNull(FilesAccess.get());
    }

    @Test
    void theContextSeamIsLentOnceAContextCanExist() throws Exception {
        Class.forName("dev.surge.web.Context", true, App.class.getClassLoader());
        assertNotNull(ContextAccess.get());
    }

    @Test
    void aSeamIsLentOnceOnly() {
        OverloadAccess.get();
        var e = assertThrows(IllegalStateException.class, () -> OverloadAccess.lend((t, l, m) -> null));
        assertTrue(e.getMessage().contains("lent already"), e.getMessage());
    }
}
