package io.briefaudio.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local stack in deploy/compose.yaml keeps the same promises as the Kubernetes manifests. */
class DeployComposeTest {

    private static final Path COMPOSE = Manifests.ROOT.resolve("deploy/compose.yaml");
    private static JsonNode services;

    @BeforeAll
    static void parse() throws Exception {
        services = Manifests.YAML.readTree(COMPOSE.toFile()).path("services");
    }

    @Test
    void shouldBuildEachServiceFromItsDockerfile() {
        for (String name : List.of("api", "worker")) {
            JsonNode build = services.path(name).path("build");
            Path dockerfile = COMPOSE.getParent().resolve(build.path("context").asText()).resolve(build.path("dockerfile").asText());
            assertThat(dockerfile).as("%s's Dockerfile", name).isRegularFile();
        }
        assertThat(services.path("api").path("build").path("context").asText()).endsWith("api-service");
        assertThat(services.path("worker").path("build").path("context").asText()).endsWith("tts-worker");
    }

    @Test
    void shouldSetOnlyVariablesTheServicesRead() {
        for (var service : Map.of("api", ServiceSettings.API, "worker", ServiceSettings.WORKER).entrySet()) {
            List<String> unread = new ArrayList<>();
            environment(services.path(service.getKey())).keySet().stream()
                    .filter(v -> !service.getValue().reads(v)).forEach(unread::add);
            assertThat(unread).as("variables of %s that no property of %s maps to", service.getKey(),
                    service.getValue().module()).isEmpty();
        }
    }

    @Test
    void shouldRequireApiKeysInTheStackAndInTheImage() throws Exception {
        Map<String, String> env = environment(services.path("api"));
        assertThat(env).containsEntry("BRIEFAUDIO_AUTH_ENABLED", "true");
        assertThat(env.get("BRIEFAUDIO_AUTH_BOOTSTRAP_KEY")).isNotBlank();
        assertThat(Files.readAllLines(Manifests.ROOT.resolve("api-service/src/main/docker/Dockerfile.jvm")))
                .contains("ENV BRIEFAUDIO_AUTH_ENABLED=true");
    }

    @Test
    void shouldRunTwoWorkersAndCreateTheBucketBeforeTheApiStarts() {
        assertThat(services.path("worker").at("/deploy/replicas").asInt(1)).isEqualTo(2);
        assertThat(services.at("/api/depends_on/minio-init/condition").asText()).isEqualTo("service_completed_successfully");
        assertThat(services.path("minio-init").path("command").toString()).contains("mc mb");
        String bucket = environment(services.path("api")).get("AWS_S3_BUCKET");
        assertThat(services.path("minio-init").path("command").toString()).contains("local/" + bucket);
        assertThat(environment(services.path("worker")).get("AWS_S3_BUCKET")).isEqualTo(bucket);
    }

    @Test
    void shouldGiveWorkersTimeToFinishAndReleaseTheirItemsBeforeTheyAreKilled() throws Exception {
        Map<String, String> env = environment(services.path("worker"));
        Duration shutdownTimeout = ServiceSettings.duration(
                ServiceSettings.WORKER.value("quarkus.shutdown.timeout", env).orElse("30s"));
        JsonNode worker = DeployManifestTest.rendered("dev").deployment(DeployManifestTest.WORKER);
        Duration longestItem = Duration.ofSeconds(worker.at("/metadata/annotations")
                .path(DeployManifestTest.LONGEST_ITEM).asLong());
        Duration grace = ServiceSettings.duration(services.path("worker").path("stop_grace_period").asText("10s"));
        assertThat(grace).isGreaterThanOrEqualTo(shutdownTimeout.plus(longestItem).plus(DeployManifestTest.RELEASE));
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isArray()) {
            node.forEach(e -> {
                String[] pair = e.asText().split("=", 2);
                env.put(pair[0], pair.length > 1 ? pair[1] : null);
            });
        } else {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }
}
