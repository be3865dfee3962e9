/**
 * The route table, internal: exact paths found by the hash the parser computed, the rest by a
 * radix tree per method ({@link dev.surge.http.routing.RouteTable}). It may use
 * {@code dev.surge.http} and {@code codec} (for the parsed path); it knows nothing of handlers,
 * which are the table's opaque values.
 */
package dev.surge.http.routing;
