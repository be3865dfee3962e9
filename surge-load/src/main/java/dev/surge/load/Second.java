package dev.surge.load;

/**
 * One second of the run, for the progress line and the timeline.
 *
 * @param second seconds since the start at the end of this one (1, 2, ...)
 * @param rps responses in this second, per second
 * @param p50Micros median latency in this second, µs (0 when nothing was answered)
 * @param p99Micros 99th percentile in this second, µs
 * @param errors errors in this second (connect, read, timeout, reset)
 * @param non2xx responses in this second whose status is not 2xx
 */
record Second(int second, double rps, long p50Micros, long p99Micros, long errors, long non2xx) {
}
