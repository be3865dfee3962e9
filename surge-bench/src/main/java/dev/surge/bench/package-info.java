/**
 * The benchmarks' Java side: the JMH codec benchmark, the Netty peer server, and the clients of
 * the flood and slowloris benchmarks; the scripts under {@code bench/} start, pin and load the
 * servers, and the subpackages turn what they measured into results. Not a library; it may use
 * any module and Netty directly.
 */
package dev.surge.bench;
