package io.briefaudio.deploy;

import static io.briefaudio.deploy.DeployManifestTest.API;
import static io.briefaudio.deploy.DeployManifestTest.WORKER;
import static io.briefaudio.deploy.Manifests.container;
import static io.briefaudio.deploy.Manifests.selects;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The operator kit in deploy/k8s/monitoring as the prod overlays render it: a dashboard Grafana can load, alerts
 * Prometheus can load, scrape targets that find the pods. Which metrics the services export is checked where they
 * run: OperationsMetricsTests (api-service) and WorkerMetricsTest (tts-worker) scrape them and compare with the
 * names these files use.
 */
class MonitoringManifestTest {

    private static final Pattern METRIC = Pattern.compile("\\bbriefaudio_[a-z_]+");
    /** Prometheus' duration syntax, as in a rule's "for". */
    private static final Pattern DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");

    @ParameterizedTest
    @ValueSource(strings = {"prod", "prod-without-keda"})
    void shouldRenderALoadableGrafanaDashboard(String overlay) throws Exception {
        Manifests m = DeployManifestTest.rendered(overlay);
        JsonNode configMap = m.find("ConfigMap", "brief-audio-grafana-dashboard")
                .orElseThrow(() -> new AssertionError(overlay + " renders no dashboard ConfigMap"));
        assertThat(configMap.at("/metadata/labels/grafana_dashboard").asText()).as("the sidecar's label").isEqualTo("1");
        JsonNode dashboard = new ObjectMapper().readTree(configMap.at("/data/grafana-dashboard.json").asText());

        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(30);
        JsonNode panels = dashboard.path("panels");
        assertThat(panels.size()).isGreaterThanOrEqualTo(8);
        List<String> titles = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (JsonNode panel : panels) {
            titles.add(panel.path("title").asText());
            ids.add(panel.path("id").asInt());
            assertThat(panel.path("type").asText()).as(panel.path("title").asText()).isIn("timeseries", "stat", "gauge");
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("w").asInt()).isBetween(1, 24);
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).isLessThanOrEqualTo(24);
            assertThat(grid.path("h").asInt()).isPositive();
            assertThat(panel.path("targets").size()).as("queries of %s", panel.path("title").asText()).isPositive();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertThat(target.path("refId").asText()).isNotBlank();
                assertThat(metrics(expr)).as("metrics named by %s", expr).isNotEmpty();
                assertBalanced(expr);
            }
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(titles).contains("Queue depth by engine", "Oldest queued item by engine", "Narration speed",
                "Items per minute", "Failure rate", "Downloads per day", "Storage", "Quality warnings");
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "prod-without-keda"})
    void shouldRenderAlertsPrometheusCanLoad(String overlay) throws Exception {
        Manifests m = DeployManifestTest.rendered(overlay);
        JsonNode rule = m.find("PrometheusRule", "brief-audio")
                .orElseThrow(() -> new AssertionError(overlay + " renders no PrometheusRule"));
        assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : rule.at("/spec/groups")) {
            assertThat(group.path("name").asText()).isNotBlank();
            for (JsonNode r : group.path("rules")) {
                String alert = r.path("alert").asText();
                alerts.add(alert);
                assertThat(alert).matches("[A-Z][A-Za-z0-9]+");
                assertThat(r.path("for").asText()).as("for of %s", alert).matches(DURATION);
                assertThat(r.at("/labels/severity").asText()).as("severity of %s", alert).isIn("warning", "critical");
                assertThat(r.at("/annotations/summary").asText()).as("summary of %s", alert).isNotBlank();
                String expr = r.path("expr").asText();
                assertThat(metrics(expr)).as("metrics named by %s", alert).isNotEmpty();
                assertBalanced(expr);
            }
        }
        assertThat(alerts).containsExactlyInAnyOrder("BriefAudioBacklogOld", "BriefAudioItemFailureRatioHigh",
                "BriefAudioEngineWithoutWorkers", "BriefAudioStorageHigh", "BriefAudioQualityWarningsHigh");
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "prod-without-keda"})
    void shouldScrapeTheApiAndEveryWorkerOnThePortsThatServeMetrics(String overlay) throws Exception {
        Manifests m = DeployManifestTest.rendered(overlay);
        JsonNode serviceMonitor = m.find("ServiceMonitor", API).orElseThrow(() -> new AssertionError("no ServiceMonitor"));
        JsonNode apiService = m.ofKind("Service").stream()
                .filter(s -> selects(serviceMonitor.at("/spec/selector/matchLabels"), s.at("/metadata/labels")))
                .findFirst().orElseThrow(() -> new AssertionError(overlay + ": the ServiceMonitor selects no Service"));
        assertThat(selects(apiService.at("/spec/selector"), m.deployment(API).at("/spec/template/metadata/labels"))).isTrue();
        String port = serviceMonitor.at("/spec/endpoints/0/port").asText();
        assertThat(apiService.at("/spec/ports").findValuesAsText("name")).contains(port);
        assertThat(serviceMonitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");

        JsonNode podMonitor = m.find("PodMonitor", WORKER).orElseThrow(() -> new AssertionError("no PodMonitor"));
        JsonNode worker = m.deployment(WORKER);
        assertThat(selects(podMonitor.at("/spec/selector/matchLabels"), worker.at("/spec/template/metadata/labels"))).isTrue();
        assertThat(container(worker).path("ports").findValuesAsText("name"))
                .contains(podMonitor.at("/spec/podMetricsEndpoints/0/port").asText());
    }

    private static List<String> metrics(String expr) {
        List<String> names = new ArrayList<>();
        Matcher matcher = METRIC.matcher(expr);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    private static void assertBalanced(String expr) {
        int depth = 0;
        for (char ch : expr.toCharArray()) {
            depth += ch == '(' || ch == '{' || ch == '[' ? 1 : ch == ')' || ch == '}' || ch == ']' ? -1 : 0;
            assertThat(depth).as("brackets of %s", expr).isNotNegative();
        }
        assertThat(depth).as("brackets of %s", expr).isZero();
    }
}
