/**
 * {@code surge bench overload}: the slowloris, open-loop, SIGTERM and memory scenarios summed up with their verdicts, in JSON and Markdown. Called by the script under {@code bench/} that ran the benchmark; it may use
 * {@code dev.surge.bench.report} and {@code results}.
 */
package dev.surge.bench.overload;
