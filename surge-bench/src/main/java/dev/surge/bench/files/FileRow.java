package dev.surge.bench.files;

import java.util.OptionalDouble;

/** One server and kind of file over every round: medians, and the lowest and highest CPU beside them. */
public record FileRow(String kind, String server, OptionalDouble rate, OptionalDouble p50, OptionalDouble p99,
                      OptionalDouble cpu, OptionalDouble cpuMin, OptionalDouble cpuMax) {
}
