/**
 * {@code surge load}, the load generator: closed loop (as wrk) or constant rate (as vegeta),
 * coordinated-omission aware, with HdrHistogram percentiles and text, JSON and HTML reports
 * ({@link dev.surge.load.Main} is the command line). Its module exports nothing yet: it is a
 * command. It may use surge-client (its wire layer included), surge-config, HdrHistogram and
 * picocli.
 */
package dev.surge.load;
