package dev.surge.bench.overload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.surge.bench.overload.SigtermSummary.each;
import static dev.surge.bench.overload.Values.sum;
import static dev.surge.bench.overload.Values.truthy;

/**
 * The memory scenario over its rounds: whether the server lived, OutOfMemoryError lines and the
 * good connections' errors summed, when a new connection was served again. It passes when every
 * round passed.
 */
final class MemorySummary {
    static final String TARGET = "alive, no OutOfMemoryError, good connections answered 200 or 503 with no error,"
            + " a new connection served within 30 s of the end";

    private MemorySummary() {
    }

    static Map<String, Object> of(List<Map<?, ?>> samples) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("rounds", samples.size());
        s.put("alive", samples.stream().map(x -> truthy(x.get("alive"))).toList());
        s.put("out_of_memory_lines", sum(samples.stream()
                .map(x -> truthy(x.get("out_of_memory_lines")) ? x.get("out_of_memory_lines") : (Object) 0).toList()));
        s.put("recovered_after_s", each(samples, "recovered_after_s"));
        s.put("good_errors", sum(samples.stream().map(x -> Values.at(x, "good", "errors")).toList()));
        s.put("target", TARGET);
        s.put("pass", samples.stream().allMatch(x -> truthy(x.get("pass"))));
        return s;
    }
}
