/**
 * What every benchmark report shares: medians and ranges over rounds, numbers printed as C's
 * printf prints them, Markdown tables, readable JSON. It depends on no other package of
 * surge-bench.
 */
package dev.surge.bench.report;
