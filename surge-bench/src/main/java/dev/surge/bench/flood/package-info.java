/**
 * {@code surge bench flood}: the clients' counts and the server's memory per connection and per request in flight, in Markdown. Called by the script under {@code bench/} that ran the benchmark; it may use
 * {@code dev.surge.bench.report} and {@code results}.
 */
package dev.surge.bench.flood;
