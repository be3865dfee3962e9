package dev.surge.client;

import dev.surge.junit.ExportedApi;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What users of surge.client see: the signatures it exports mention no Netty type. */
class ModuleApiTest {

    @Test
    void exportedSignaturesMentionNoNettyType() {
        ExportedApi api = ExportedApi.of(HttpClient.class.getModule());
        assertTrue(api.types().containsAll(List.of(HttpClient.class, ClientRequest.class, ClientResponse.class)), api.types().toString());
        // The wire package is exported to surge.load alone: not API, not read.
        assertTrue(api.types().stream().noneMatch(t -> t.getPackageName().equals("dev.surge.client.wire")), api.types().toString());
        api.assertFreeOf("io.netty.");
    }
}
