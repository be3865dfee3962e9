/**
 * {@code surge bench compare}: two results files figure by figure, medians and their change,
 * significant or not by a Mann-Whitney U test, as benchstat does for Go. It may use
 * {@code dev.surge.bench.results}.
 */
package dev.surge.bench.compare;
