package dev.surge.bench.results;

import java.util.Arrays;

/**
 * The repeated measurements of one figure for one row (a server and mode, or a JMH benchmark):
 * every round's or iteration's value, in the order measured.
 */
public record Series(String row, Figure figure, double[] samples) {

    public Series {
        samples = samples.clone();
    }

    @Override
    public double[] samples() {
        return samples.clone();
    }

    public int size() {
        return samples.length;
    }

    /** The median of the samples; NaN when there are none. */
    public double median() {
        if (samples.length == 0) {
            return Double.NaN;
        }
        double[] s = samples.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series other && row.equals(other.row) && figure.equals(other.figure)
                && Arrays.equals(samples, other.samples);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * row.hashCode() + figure.hashCode()) + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return row + " " + figure.name() + " " + Arrays.toString(samples);
    }
}
