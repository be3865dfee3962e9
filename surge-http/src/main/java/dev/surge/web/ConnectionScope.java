package dev.surge.web;

import com.dslplatform.json.JsonWriter;

/**
 * What one connection keeps between its requests: the JSON writer, reused so that
 * {@link Context#json} allocates nothing for a compiled type. A connection answers one
 * request at a time, on the event loop or on one virtual thread, so no lock is needed.
 */
final class ConnectionScope {
    private final Json json;
    private JsonWriter writer;

    ConnectionScope(Json json) {
        this.json = json;
    }

    void writeJson(Context ctx, Object value) {
        if (writer == null) {
            writer = json.newWriter();
        }
        json.write(writer, value);
        ctx.answer(dev.surge.http.ContentType.JSON, writer.getByteBuffer(), 0, writer.size());
    }

    <T> T readJson(Class<T> type, byte[] body) {
        return json.read(type, body);
    }
}
