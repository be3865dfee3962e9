package dev.surge.bench.overload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.surge.bench.overload.Values.sum;
import static dev.surge.bench.overload.Values.truthy;

/**
 * The SIGTERM scenario over its rounds: requests lost and failed summed (a round that did not run
 * has none to add), exit statuses and times listed. It passes when every round passed: none lost
 * on a connection the server had served, exit status 0 within the grace period.
 */
final class SigtermSummary {
    static final String TARGET = "no request lost on a served connection, exit status 0 within the grace period";

    private SigtermSummary() {
    }

    static Map<String, Object> of(List<Map<?, ?>> samples) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("rounds", samples.size());
        s.put("lost", sum(each(samples, "lost")));
        // A round that did not run says why in "failed", as text: it is no count.
        s.put("failed", sum(each(samples, "failed")));
        s.put("failed_on_new_connections", sum(each(samples, "failed_on_new_connections")));
        s.put("exit_codes", each(samples, "exit_code"));
        s.put("exit_after_s", each(samples, "exit_after_s"));
        s.put("target", TARGET);
        s.put("pass", samples.stream().allMatch(x -> truthy(x.get("pass"))));
        return s;
    }

    static List<Object> each(List<Map<?, ?>> samples, String key) {
        List<Object> out = new ArrayList<>();
        samples.forEach(x -> out.add(x.get(key)));
        return out;
    }
}
