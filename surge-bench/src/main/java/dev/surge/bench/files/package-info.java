/**
 * {@code surge bench files}: the static-file rounds (Surge against nginx) as medians per server and load, in JSON and Markdown. Called by the script under {@code bench/} that ran the benchmark; it may use
 * {@code dev.surge.bench.report} and {@code results}.
 */
package dev.surge.bench.files;
