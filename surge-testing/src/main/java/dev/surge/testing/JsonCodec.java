package dev.surge.testing;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.runtime.Settings;

import java.io.IOException;

/**
 * DSL-JSON configured as an {@link dev.surge.web.App}'s default: compiled codecs found
 * through the service loader, reflection for the rest. One instance for the JVM, as
 * DslJson is safe to share and costly to build.
 */
final class JsonCodec {
    private static final DslJson<Object> DSL = new DslJson<>(Settings.withRuntime().includeServiceLoader());

    private JsonCodec() {
    }

    static <T> T read(Class<T> type, byte[] bytes) throws IOException {
        return DSL.deserialize(type, bytes, bytes.length);
    }

    static byte[] write(Object value) {
        JsonWriter writer = DSL.newWriter();
        if (!DSL.serialize(writer, value.getClass(), value)) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName()
                    + " as JSON: mark it @CompiledJson (com.dslplatform.json) or use a type DSL-JSON knows");
        }
        return writer.toByteArray();
    }
}
