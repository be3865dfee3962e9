/**
 * {@code surge bench peers} (and {@code routes}, {@code metrics}): the rounds the script measured, folded into one row per server and mode, and written as JSON and Markdown. Called by the script under {@code bench/} that ran the benchmark; it may use
 * {@code dev.surge.bench.report} and {@code results}.
 */
package dev.surge.bench.peers;
