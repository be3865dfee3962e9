package dev.surge.http;

import dev.surge.junit.ExportedApi;
import dev.surge.web.App;
import dev.surge.web.Context;
import dev.surge.web.files.FileOptions;
import dev.surge.web.overload.ConcurrencyLimit;
import dev.surge.web.overload.Deadline;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What users of surge.http see: the signatures it exports mention no Netty type. */
class ModuleApiTest {

    @Test
    void exportedSignaturesMentionNoNettyType() {
        ExportedApi api = ExportedApi.of(Server.class.getModule());
        assertTrue(api.types().containsAll(List.of(Server.class, Request.class, App.class, Context.class)), api.types().toString());
        assertTrue(api.types().containsAll(List.of(FileOptions.class, ConcurrencyLimit.class, Deadline.class)), api.types().toString());
        // The codec, transport and routing packages, and the web layer's seams, are internal: not exported, not read.
        assertTrue(api.types().stream().noneMatch(t -> t.getPackageName().startsWith("dev.surge.http.")
                || t.getPackageName().equals("dev.surge.web.internal")), api.types().toString());
        api.assertFreeOf("io.netty.");
    }
}
