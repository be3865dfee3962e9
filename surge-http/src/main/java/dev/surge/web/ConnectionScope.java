package dev.surge.web;

import com.dslplatform.json.JsonWriter;
import dev.surge.web.internal.AdmissionControl;
import dev.surge.web.internal.TimedAnswer;
import dev.surge.web.overload.Deadline;

/**
 * What one connection keeps between its requests: the JSON writer of its inline routes,
 * reused so that {@link Context#json} allocates nothing for a compiled type there. Inline
 * routes run one at a time on the connection's event loop, so no lock is needed; a request on
 * a virtual thread, which may run beside others of the same connection, gets a writer of its
 * own. It also holds the connection's {@link RequestObserver.Recorder}, when the app is observed.
 */
final class ConnectionScope {
    private final Json json;
    private final AdmissionControl admission;
    /** Hears of this connection's requests, for metrics; null when the app is not observed. */
    final RequestObserver.Recorder recorder;
    private JsonWriter writer;

    ConnectionScope(Json json, AdmissionControl admission, RequestObserver.Recorder recorder) {
        this.json = json;
        this.admission = admission;
        this.recorder = recorder;
    }

    /** The deadline of a request answered on the event loop (for a virtual thread's, see {@link TimedAnswer}). */
    Deadline deadline(dev.surge.http.Request request, dev.surge.http.routing.RouteTable.Match<?> match) {
        long routeTimeout = match != null && match.value() instanceof Router.Compiled route ? route.timeoutNanos() : -1;
        return admission.deadline(request, routeTimeout);
    }

    void writeJson(Context ctx, Object value) {
        JsonWriter w;
        if (ctx.onEventLoop()) {
            if (writer == null) {
                writer = json.newWriter();
            }
            w = writer;
        } else {
            w = json.newWriter();
        }
        json.write(w, value);
        ctx.answer(dev.surge.http.ContentType.JSON, w.getByteBuffer(), 0, w.size());
    }

    <T> T readJson(Class<T> type, byte[] body) {
        return json.read(type, body);
    }
}
