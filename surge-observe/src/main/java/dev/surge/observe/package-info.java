/**
 * Observability on an admin listener of its own: {@link dev.surge.observe.Metrics} (Prometheus
 * metrics per route, through prometheus-metrics), {@link dev.surge.observe.Admin} (the listener:
 * metrics, health probes, runtime stats, thread and heap dumps, JFR and async-profiler
 * profiles). Exported. It may use the public API of surge-http and prometheus-metrics.
 */
package dev.surge.observe;
