package dev.surge.observe;

import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Turns the per-route counts of {@link RequestMetrics} into the library's snapshots at
 * scrape time: a counter and a classic histogram per route, method and status class, the
 * requests in flight and the requests per second. Recording stays in Surge's own stripes
 * because the library's histogram takes a lock for every observation made while a scrape
 * collects it, and counts each observation in a shared atomic; the exposition (text,
 * OpenMetrics) is the library's.
 */
final class RequestCollector implements MultiCollector {
    static final String REQUESTS = "surge_http_requests";
    static final String DURATION = "surge_http_request_duration_seconds";
    static final String IN_FLIGHT = "surge_http_requests_in_flight";
    static final String RATE = "surge_http_requests_per_second";
    static final String HANDLER_THREADS = "surge_virtual_threads_alive";
    private static final String[] LABELS = {"route", "method", "status"};

    private final RequestMetrics requests;
    private final DoubleSupplier rate;

    RequestCollector(RequestMetrics requests, DoubleSupplier rate) {
        this.requests = requests;
        this.rate = rate;
    }

    @Override
    public MetricSnapshots collect() {
        RequestMetrics.Totals totals = requests.totals();
        CounterSnapshot.Builder count = CounterSnapshot.builder().name(REQUESTS)
                .help("Requests answered, by route pattern ((none): no route), method and status class");
        HistogramSnapshot.Builder duration = HistogramSnapshot.builder().name(DURATION)
                .help("Time from taking up a request to sending its response, by route pattern, method and status class");
        for (RequestMetrics.Series s : totals.series()) {
            Labels labels = Labels.of(LABELS, new String[]{s.route(), s.method(), s.statusClass()});
            count.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(s.count()).build());
            duration.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder().labels(labels)
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(LatencyBuckets.SECONDS, s.buckets()))
                    .sum(s.sumSeconds()).build());
        }
        return MetricSnapshots.of(count.build(), duration.build(),
                gauge(IN_FLIGHT, "Requests taken up and not yet answered", totals.inFlight()),
                gauge(RATE, "Requests answered per second, over the last whole second", rate.getAsDouble()),
                gauge(HANDLER_THREADS, "Virtual threads started for handlers that have not ended",
                        requests.handlerThreads()));
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    /** What this collector exposes, for the registry to refuse another collector of the same names. */
    @Override
    public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
        return List.of(
                MetricFamilyDescriptor.of(MetricType.COUNTER, new MetricMetadata(REQUESTS), List.of(LABELS)),
                MetricFamilyDescriptor.of(MetricType.HISTOGRAM, new MetricMetadata(DURATION), List.of(LABELS)),
                MetricFamilyDescriptor.of(MetricType.GAUGE, new MetricMetadata(IN_FLIGHT)),
                MetricFamilyDescriptor.of(MetricType.GAUGE, new MetricMetadata(RATE)),
                MetricFamilyDescriptor.of(MetricType.GAUGE, new MetricMetadata(HANDLER_THREADS)));
    }
}
