package io.briefaudio.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The worker's meters as Prometheus scrapes them: every worker metric the dashboard and alerts in
 * deploy/k8s/monitoring name is exported, and narration speed can be computed per engine.
 */
class WorkerMetricsTest {

    private static final Path MONITORING = Path.of(System.getProperty("briefaudio.root", ".."), "deploy/k8s/monitoring");
    private static final Pattern METRIC = Pattern.compile("\\bbriefaudio_worker_[a-z_]+");

    @Test
    void shouldExportEveryWorkerMetricTheDashboardAndAlertsName() throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WorkerMetrics metrics = new WorkerMetrics(registry, () -> 0, "espeak");
        metrics.synthesis.record(Duration.ofSeconds(2));
        metrics.audioSeconds.increment(5);
        String scrape = registry.scrape();

        Set<String> named = new TreeSet<>();
        for (String file : new String[] {"grafana-dashboard.json", "prometheus-rules.yaml"}) {
            Matcher m = METRIC.matcher(Files.readString(MONITORING.resolve(file)));
            while (m.find()) {
                named.add(m.group());
            }
        }
        assertThat(named).contains("briefaudio_worker_audio_seconds_total", "briefaudio_worker_info",
                "briefaudio_worker_items_failed_total", "briefaudio_worker_synthesis_seconds_sum");
        for (String name : named) {
            assertThat(scrape).as("the worker exports %s", name).containsPattern("(?m)^" + name + "[{ ]");
        }
        assertThat(scrape).containsPattern("briefaudio_worker_audio_seconds_total\\{engine=\"espeak\",?} 5\\.0")
                .containsPattern("briefaudio_worker_info\\{engine=\"espeak\",?} 1\\.0")
                .containsPattern("briefaudio_worker_synthesis_seconds_sum\\{engine=\"espeak\",?} 2\\.0");
    }
}
