package dev.surge.bench.overload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import static dev.surge.bench.overload.Values.median;
import static dev.surge.bench.overload.Values.number;
import static dev.surge.bench.overload.Values.sum;
import static dev.surge.bench.overload.Values.thousandths;
import static dev.surge.bench.overload.Values.truthy;

/**
 * The open-loop overload scenario, a summary per route (in the order of their names) over its
 * rounds that ran: medians of the peak, the goodput and its share of the peak, the 2xx p99, and
 * errors and OutOfMemoryErrors summed. The target: goodput &ge; 90 % of the peak, 2xx p99 &le; 10 ms,
 * no error, no status but 2xx and 503, no OutOfMemoryError.
 */
final class OpenLoopSummary {
    static final String TARGET = "goodput >= 90 % of peak, 2xx p99 <= 10 ms, no errors, no non-2xx but 503,"
            + " no OutOfMemoryError";

    private OpenLoopSummary() {
    }

    static List<Map<String, Object>> of(List<Map<?, ?>> samples) {
        TreeSet<String> routes = new TreeSet<>();
        samples.forEach(s -> routes.add(String.valueOf(s.get("route"))));
        List<Map<String, Object>> out = new ArrayList<>();
        for (String route : routes) {
            out.add(route(route, samples.stream()
                    .filter(s -> route.equals(String.valueOf(s.get("route"))) && !truthy(s.get("failed"))).toList()));
        }
        return out;
    }

    private static Map<String, Object> route(String route, List<Map<?, ?>> ran) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("route", route);
        s.put("rounds", ran.size());
        s.put("peak_rps_2xx", thousandths(median(each(ran, x -> Values.at(x, "peak", "rps_2xx")))));
        s.put("offered_rps", median(each(ran, x -> x.get("offered_rps"))));
        s.put("goodput_rps", thousandths(median(each(ran, x -> x.get("goodput_rps")))));
        Double goodputPct = thousandths(median(each(ran, x -> x.get("goodput_pct_of_peak"))));
        s.put("goodput_pct_of_peak", goodputPct);
        Double p99 = median(each(ran, x -> x.get("p99_2xx_us")));
        s.put("p99_2xx_us", p99);
        s.put("sent_pct_of_scheduled", thousandths(median(each(ran, x -> {
            Double sent = number(x, "sent");
            Double scheduled = number(x, "scheduled");
            return sent != null && scheduled != null && scheduled > 0 ? sent * 100 / scheduled : null;
        }))));
        s.put("statuses", each(ran, x -> x.get("statuses")));
        Double errors = sum(each(ran, x -> sum(Arrays.asList(Values.at(x, "errors", "connect"),
                Values.at(x, "errors", "read"), Values.at(x, "errors", "timeout"), Values.at(x, "errors", "reset")))));
        s.put("errors", errors);
        boolean only503 = ran.stream().allMatch(x -> only503(x.get("statuses")));
        s.put("only_503", only503);
        Double oom = sum(each(ran, x -> x.get("out_of_memory_errors")));
        s.put("out_of_memory_errors", oom);
        s.put("cpu_us_per_request", thousandths(median(each(ran, x -> x.get("cpu_us_per_request")))));
        s.put("sent_x_peak", thousandths(median(each(ran, x -> x.get("sent_x_peak")))));
        s.put("load_cpu_pct", thousandths(median(each(ran, x -> x.get("load_cpu_pct")))));
        s.put("target", TARGET);
        s.put("pass", !ran.isEmpty() && goodputPct != null && goodputPct >= 90 && p99 != null && p99 <= 10_000
                && errors != null && errors == 0 && only503 && oom != null && oom == 0);
        return s;
    }

    /** "200:1011113,503:69786": true when every status is a 2xx or 503 ("-" means none came). */
    static boolean only503(Object statuses) {
        if (!(statuses instanceof String text)) {
            return true;
        }
        for (String entry : text.split(",")) {
            String code = entry.split(":", 2)[0];
            if (!entry.isEmpty() && !entry.equals("-") && !code.startsWith("2") && !code.equals("503")) {
                return false;
            }
        }
        return true;
    }

    private static List<Object> each(List<Map<?, ?>> samples, Function<Map<?, ?>, Object> value) {
        List<Object> out = new ArrayList<>();
        samples.forEach(s -> out.add(value.apply(s)));
        return out;
    }
}
