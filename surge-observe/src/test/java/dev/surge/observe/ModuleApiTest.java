package dev.surge.observe;

import dev.surge.junit.ExportedApi;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What users of surge.observe see: the signatures it exports mention no Netty type. */
class ModuleApiTest {

    @Test
    void exportedSignaturesMentionNoNettyType() {
        ExportedApi api = ExportedApi.of(Metrics.class.getModule());
        assertTrue(api.types().containsAll(List.of(Metrics.class, Admin.class, RuntimeVars.class)), api.types().toString());
        api.assertFreeOf("io.netty.");
    }
}
