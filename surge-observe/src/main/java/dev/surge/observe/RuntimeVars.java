package dev.surge.observe;

import dev.surge.http.Rejection;
import dev.surge.http.Server;
import dev.surge.http.Traffic;
import io.netty.buffer.PooledByteBufAllocator;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A server's runtime stats at one moment (the seed's runtime monitor): uptime, requests,
 * connections, threads, memory and GC. {@link #toMap()} is {@code /debug/vars}' JSON,
 * {@link #summary()} the line {@code --stats-interval} writes.
 *
 * @param requestsTotal    requests answered (0 when the app is not instrumented)
 * @param requestsInFlight requests taken up and not yet answered
 * @param perSecond  requests answered over the last whole second
 * @param handlerThreads virtual threads started for handlers and still alive
 * @param traffic    the server's connections and bytes; empty before a server is watched
 * @param state      starting, ready, draining or shedding; "unknown" without a server
 * @param rejected   refusals by reason label
 */
public record RuntimeVars(long requestsTotal, long requestsInFlight, double perSecond, long handlerThreads, Optional<Traffic> traffic,
                          String state, Map<String, Long> rejected) {
    private static final long MIB = 1024 * 1024;

    static RuntimeVars now(RequestMetrics.Totals requests, double perSecond, long handlerThreads, Server server) {
        Map<String, Long> rejected = new LinkedHashMap<>();
        if (server != null) {
            for (Rejection reason : Rejection.values()) {
                rejected.put(reason.label(), server.health().rejected(reason));
            }
        }
        return new RuntimeVars(requests.finished(), requests.inFlight(), perSecond, handlerThreads,
                server == null ? Optional.empty() : Optional.of(server.traffic()),
                server == null ? "unknown" : server.health().state(), rejected);
    }

    /** Every figure, by name, for JSON: numbers, strings and maps of them. */
    public Map<String, Object> toMap() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("uptime_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        vars.put("state", state);
        vars.put("requests_per_second", perSecond);
        vars.put("requests_in_flight", requestsInFlight);
        vars.put("requests_total", requestsTotal);
        vars.put("virtual_threads_alive", handlerThreads);
        traffic.ifPresent(t -> {
            vars.put("connections_open", t.connectionsOpen());
            vars.put("connections_accepted", t.connectionsAccepted());
            vars.put("bytes_received", t.bytesReceived());
            vars.put("bytes_sent", t.bytesSent());
            vars.put("event_loop_pending_tasks", t.pendingTasksTotal());
        });
        vars.put("rejected", rejected);
        vars.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        vars.put("heap_used_bytes", heap.getUsed());
        vars.put("heap_committed_bytes", heap.getCommitted());
        vars.put("heap_max_bytes", heap.getMax());
        vars.put("direct_used_bytes", jdkDirectBytes());
        vars.put("netty_direct_used_bytes", PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory());
        Map<String, Object> gc = new LinkedHashMap<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc.put(collector.getName(), Map.of("count", collector.getCollectionCount(), "time_ms", collector.getCollectionTime()));
        }
        vars.put("gc", gc);
        return vars;
    }

    /** One line: the figures to glance at. */
    public String summary() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, collector.getCollectionCount());
            gcMillis += Math.max(0, collector.getCollectionTime());
        }
        // Netty's pooled direct memory lies inside the JDK's direct pool or beside it, depending
        // on how Netty allocates: the larger of the two is what is surely in use.
        long direct = Math.max(jdkDirectBytes(), PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory()) / MIB;
        return String.format(java.util.Locale.ROOT,
                "surge: %s, up %ds, %.0f req/s, %d in flight, %d connections, %d handler threads, %d threads,"
                        + " heap %d/%d MiB, direct %d MiB, gc %d (%d ms)",
                state, ManagementFactory.getRuntimeMXBean().getUptime() / 1000, perSecond, requestsInFlight,
                traffic.map(Traffic::connectionsOpen).orElse(0L), handlerThreads,
                ManagementFactory.getThreadMXBean().getThreadCount(), heap.getUsed() / MIB, heap.getMax() / MIB,
                direct, gcCount, gcMillis);
    }

    private static long jdkDirectBytes() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getMemoryUsed();
            }
        }
        return 0;
    }
}
