package dev.surge.observe;

import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A scrape read by a Prometheus text-format parser (Hawkular's), by family name. */
record Scrape(Map<String, MetricFamily> families) {

    static Scrape parse(String text) {
        Map<String, MetricFamily> families = new LinkedHashMap<>();
        var parser = new TextPrometheusMetricDataParser(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            for (MetricFamily family; (family = parser.parse()) != null; ) {
                families.put(family.getName(), family);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scrape(families);
    }

    MetricFamily family(String name) {
        MetricFamily family = families.get(name);
        assertNotNull(family, "no metric family " + name + " in " + families.keySet());
        return family;
    }

    List<Metric> metrics(String name) {
        return family(name).getMetrics();
    }

    /** The one metric of family {@code name} with exactly these labels (name, value, ...). */
    Metric metric(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        List<Metric> found = metrics(name).stream().filter(m -> m.getLabels().equals(wanted)).toList();
        assertEquals(1, found.size(), name + wanted + " among " + metrics(name).stream().map(Metric::getLabels).toList());
        return found.getFirst();
    }

    double value(String name, String... labels) {
        Metric m = metric(name, labels);
        return m instanceof Counter c ? c.getValue() : ((Gauge) m).getValue();
    }

    Histogram histogram(String name, String... labels) {
        return (Histogram) metric(name, labels);
    }
}
