package dev.surge.load;

import dev.surge.junit.ExportedApi;
import org.junit.jupiter.api.Test;

/**
 * What users of surge.load see: the signatures it exports mention no Netty type. It exports
 * nothing yet (its API is its command line); this holds the rule for the library to come.
 */
class ModuleApiTest {

    @Test
    void exportedSignaturesMentionNoNettyType() {
        ExportedApi.of(Main.class.getModule()).assertFreeOf("io.netty.");
    }
}
