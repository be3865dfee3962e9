package dev.surge.testing;

import dev.surge.junit.ExportedApi;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What users of surge.testing see: the signatures it exports mention no Netty type. */
class ModuleApiTest {

    @Test
    void exportedSignaturesMentionNoNettyType() {
        ExportedApi api = ExportedApi.of(TestClient.class.getModule());
        assertTrue(api.types().containsAll(List.of(TestClient.class, SurgeTest.class, TestResponse.class)), api.types().toString());
        api.assertFreeOf("io.netty.");
    }
}
