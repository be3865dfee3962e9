package dev.surge.bench.results;

/**
 * One measured quantity, such as CPU µs per request or JMH's ns/op: its name as the file spells
 * it, its unit, and which way is better, so that a change can be called better or worse.
 */
public record Figure(String name, String unit, Better better) {

    /** Which direction of change is an improvement. */
    public enum Better { LOWER, HIGHER }

    /** The figures of a {@code surge bench} results file, in the order reports show them. */
    public static final Figure REQUESTS_PER_S = new Figure("requests_per_s", "requests/s", Better.HIGHER);
    public static final Figure P50_US = new Figure("p50_us", "µs", Better.LOWER);
    public static final Figure P99_US = new Figure("p99_us", "µs", Better.LOWER);
    public static final Figure CPU_US = new Figure("cpu_us_per_request", "µs/request", Better.LOWER);
    public static final Figure USER_US = new Figure("user_us_per_request", "µs/request", Better.LOWER);
    public static final Figure SYS_US = new Figure("sys_us_per_request", "µs/request", Better.LOWER);

    /** A heading such as {@code cpu_us_per_request (µs/request, lower is better)}. */
    public String heading() {
        return name + " (" + unit + ", " + (better == Better.LOWER ? "lower" : "higher") + " is better)";
    }
}
