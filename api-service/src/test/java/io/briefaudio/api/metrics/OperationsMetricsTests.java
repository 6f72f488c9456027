package io.briefaudio.api.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.listening.ListeningFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The API's operational metrics as Prometheus scrapes them, and the dashboard and alerts that use them. */
@QuarkusTest
class OperationsMetricsTests {

    private static final Path MONITORING = Path.of(System.getProperty("briefaudio.root", ".."), "deploy/k8s/monitoring");
    /** Metric names in PromQL: briefaudio_… not of the worker (WorkerMetricsTest checks those). */
    private static final Pattern METRIC = Pattern.compile("\\bbriefaudio_(?!worker_)[a-z_]+");

    @Inject
    OperationsMetrics metrics;
    @Inject
    ListeningFixtures fixtures;
    @Inject
    AgroalDataSource dataSource;

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(scrape);
        assertThat(m.find()).as("%s in the scrape", series).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void shouldExportEveryApiMetricTheDashboardAndAlertsName() throws Exception {
        String scrape = scrape();
        Set<String> named = new TreeSet<>();
        for (String file : List.of("grafana-dashboard.json", "prometheus-rules.yaml")) {
            Matcher m = METRIC.matcher(Files.readString(MONITORING.resolve(file)));
            while (m.find()) {
                named.add(m.group());
            }
        }
        assertThat(named).contains("briefaudio_queue_depth", "briefaudio_queue_oldest_age_seconds",
                "briefaudio_storage_bytes", "briefaudio_audio_downloads_total", "briefaudio_jobs_created_total");
        for (String name : named) {
            assertThat(scrape).as("the api exports %s", name).containsPattern("(?m)^" + name + "[{ ]");
        }
        assertThat(scrape).contains("briefaudio_audio_downloads_total{kind=\"item\"}")
                .contains("briefaudio_audio_downloads_total{kind=\"episode\"}")
                .contains("briefaudio_webhook_deliveries_total{outcome=\"delivered\"}")
                .contains("briefaudio_webhook_deliveries_total{outcome=\"failed\"}")
                .contains("briefaudio_sse_subscribers ");
    }

    @Test
    void shouldReportStorageAndTheQueueFromTheDatabase() throws Exception {
        fixtures.completedJob(60, 30);
        long briefId = given().contentType(ContentType.JSON)
                .body(Map.of("title", "Queued", "items", List.of(Map.of("text", "One."), Map.of("text", "Two."))))
                .post("/api/briefs").then().statusCode(201).extract().jsonPath().getLong("id");
        double created = value(scrape(), "briefaudio_jobs_created_total{engine=\"espeak\"}");
        given().post("/api/brief/" + briefId + "/audio/generate").then().statusCode(202);

        metrics.refresh();

        String scrape = scrape();
        assertThat(value(scrape, "briefaudio_jobs_created_total{engine=\"espeak\"}")).isEqualTo(created + 1);
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery("""
                SELECT (SELECT coalesce(sum(size_bytes), 0) FROM audio_asset), (SELECT count(*) FROM audio_asset),
                       (SELECT count(*) FROM audio_job_item WHERE state = 'queued' AND run_at <= now())""")) {
            rs.next();
            assertThat(value(scrape, "briefaudio_storage_bytes")).isEqualTo(rs.getLong(1));
            assertThat(value(scrape, "briefaudio_storage_objects")).isEqualTo(rs.getLong(2));
            assertThat(value(scrape, "briefaudio_queue_depth{engine=\"espeak\"}")).isEqualTo(rs.getLong(3)).isGreaterThanOrEqualTo(2);
        }
        assertThat(value(scrape, "briefaudio_queue_oldest_age_seconds{engine=\"espeak\"}")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void shouldCountDownloadsByKind() throws Exception {
        ListeningFixtures.Job job = fixtures.completedJob(60, 30);
        double items = value(scrape(), "briefaudio_audio_downloads_total{kind=\"item\"}");
        double episodes = value(scrape(), "briefaudio_audio_downloads_total{kind=\"episode\"}");

        given().header("User-Agent", "Mozilla/5.0 (Metrics test)").get(job.link(1)).then().statusCode(200);
        given().header("User-Agent", "Mozilla/5.0 (Metrics test)").get(job.link(0)).then().statusCode(200);
        given().header("User-Agent", "Mozilla/5.0 (Metrics test)").get(job.link(0)).then().statusCode(200);

        String scrape = scrape();
        assertThat(value(scrape, "briefaudio_audio_downloads_total{kind=\"item\"}")).isEqualTo(items + 1);
        assertThat(value(scrape, "briefaudio_audio_downloads_total{kind=\"episode\"}")).isEqualTo(episodes + 1);
    }
}
