package dev.surge.config;

import dev.surge.junit.ExportedApi;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What users of surge.config see: the signatures it exports mention no Netty type. */
class ModuleApiTest {

    @Test
    void exportedSignaturesMentionNoNettyType() {
        ExportedApi api = ExportedApi.of(Durations.class.getModule());
        assertTrue(api.types().containsAll(List.of(Durations.class, Sizes.class, DurationConverter.class)), api.types().toString());
        api.assertFreeOf("io.netty.");
    }
}
