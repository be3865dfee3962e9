package dev.surge.bench.overload;

import dev.surge.bench.report.Decimals;
import dev.surge.bench.report.Medians;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The figures of the overload samples, which the scenario scripts write as JSON objects: a value
 * may be absent or null (a failed round, a figure the load generator did not report), and such a
 * value is left out of medians and sums rather than read as 0. The rules are jq's, which wrote
 * these reports before: a sum of nothing is null, a median of nothing is null.
 */
final class Values {

    private Values() {
    }

    /** The value at {@code path} under {@code node}, or null where any step is missing or not an object. */
    static Object at(Object node, String... path) {
        Object v = node;
        for (String key : path) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(key);
        }
        return v;
    }

    /** The number at {@code path}, or null. */
    static Double number(Object node, String... path) {
        return at(node, path) instanceof Number n ? n.doubleValue() : null;
    }

    /** jq's truth: anything but null and false. */
    static boolean truthy(Object v) {
        return v != null && !Boolean.FALSE.equals(v);
    }

    /** The median of the numbers among {@code values}; null when there are none. */
    static Double median(Collection<?> values) {
        OptionalDouble m = Medians.median(numbers(values));
        return m.isPresent() ? m.getAsDouble() : null;
    }

    /** The sum of the numbers among {@code values}; null when there are none. */
    static Double sum(Collection<?> values) {
        List<Double> n = numbers(values);
        return n.isEmpty() ? null : n.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** To the thousandth, as the summaries keep ratios and CPU figures; null stays null. */
    static Double thousandths(Double v) {
        return v == null ? null : Decimals.scaled(v, 3);
    }

    /** {@code a / b} when both are numbers and b is not 0; else null. */
    static Double ratio(Double a, Double b) {
        return a == null || b == null || b == 0 ? null : a / b;
    }

    static List<Map<?, ?>> objects(Collection<?> values) {
        List<Map<?, ?>> out = new ArrayList<>();
        values.forEach(v -> {
            if (v instanceof Map<?, ?> m) {
                out.add(m);
            }
        });
        return out;
    }

    private static List<Double> numbers(Collection<?> values) {
        List<Double> out = new ArrayList<>();
        values.forEach(v -> {
            if (v instanceof Number n) {
                out.add(n.doubleValue());
            }
        });
        return out;
    }
}
