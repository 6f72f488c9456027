package io.briefaudio.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.briefaudio.worker.tts.quality.Check;
import io.briefaudio.worker.tts.quality.Finding;
import io.briefaudio.worker.tts.quality.QualityReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The worker's meters as Prometheus scrapes them: every worker metric the dashboard and alerts in
 * deploy/k8s/monitoring name is exported, narration speed can be computed per engine, and quality outcomes are counted
 * per check.
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
        metrics.quality(new QualityReport(QualityReport.Status.WARN,
                List.of(new Finding(Check.CODE_CAP, 602, 602, 1)), 2, Map.of(
                        Check.CODE_CAP, Map.of(QualityReport.Outcome.WARN, 1),
                        Check.ALL_ZERO, Map.of(QualityReport.Outcome.PASS, 3),
                        Check.LOOP, Map.of(QualityReport.Outcome.FIXED, 1, QualityReport.Outcome.PASS, 2))));
        String scrape = registry.scrape();

        Set<String> named = new TreeSet<>();
        for (String file : new String[] {"grafana-dashboard.json", "prometheus-rules.yaml"}) {
            Matcher m = METRIC.matcher(Files.readString(MONITORING.resolve(file)));
            while (m.find()) {
                named.add(m.group());
            }
        }
        assertThat(named).contains("briefaudio_worker_audio_seconds_total", "briefaudio_worker_info",
                "briefaudio_worker_items_failed_total", "briefaudio_worker_synthesis_seconds_sum",
                "briefaudio_worker_quality_total");
        for (String name : named) {
            assertThat(scrape).as("the worker exports %s", name).containsPattern("(?m)^" + name + "[{ ]");
        }
        assertThat(scrape).containsPattern("briefaudio_worker_audio_seconds_total\\{engine=\"espeak\",?} 5\\.0")
                .containsPattern("briefaudio_worker_info\\{engine=\"espeak\",?} 1\\.0")
                .containsPattern("briefaudio_worker_synthesis_seconds_sum\\{engine=\"espeak\",?} 2\\.0")
                .containsPattern("briefaudio_worker_quality_total\\{check=\"code_cap\",outcome=\"warn\",?} 1\\.0")
                .containsPattern("briefaudio_worker_quality_total\\{check=\"all_zero\",outcome=\"pass\",?} 3\\.0")
                .containsPattern("briefaudio_worker_quality_total\\{check=\"loop\",outcome=\"fixed\",?} 1\\.0")
                // every series exists from the start, so the dashboard's rates read 0 before the first warning
                .containsPattern("briefaudio_worker_quality_total\\{check=\"clipping\",outcome=\"fail\",?} 0\\.0");
    }
}
