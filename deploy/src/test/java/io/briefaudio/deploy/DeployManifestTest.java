package io.briefaudio.deploy;

import static io.briefaudio.deploy.Manifests.container;
import static io.briefaudio.deploy.Manifests.name;
import static io.briefaudio.deploy.Manifests.resolvePort;
import static io.briefaudio.deploy.Manifests.selects;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Invariants of every rendered overlay that break silently: nothing fails until a cluster runs it. */
class DeployManifestTest {

    static final String API = "brief-audio-api";
    static final String WORKER = "brief-audio-worker";
    static final String LONGEST_ITEM = "briefaudio.io/longest-item-seconds";
    /** eSpeak NG's process timeout (SpeechEngineProducer): no item runs longer with that engine. */
    static final Duration ESPEAK_LONGEST_ITEM = Duration.ofSeconds(60);
    /** After the shutdown timeout the worker releases unfinished items and waits up to 5 s (Worker.stop). */
    static final Duration RELEASE = Duration.ofSeconds(5);

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    static List<String> overlays() throws Exception {
        List<String> names = Manifests.overlayNames();
        assertThat(names).contains("dev", "prod");
        return names;
    }

    static Manifests rendered(String overlay) throws Exception {
        Manifests manifests = RENDERED.get(overlay);
        if (manifests == null) {
            manifests = Manifests.render(overlay);
            RENDERED.put(overlay, manifests);
        }
        return manifests;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void shouldRunAtLeastTwoApiReplicasThatDrainsTakeDownOneAtATime(String overlay) throws Exception {
        Manifests m = rendered(overlay);
        JsonNode api = m.deployment(API);
        int replicas = api.at("/spec/replicas").asInt(1);
        assertThat(replicas).as("%s: api replicas", overlay).isGreaterThanOrEqualTo(2);

        JsonNode labels = api.at("/spec/template/metadata/labels");
        List<JsonNode> budgets = m.ofKind("PodDisruptionBudget").stream()
                .filter(pdb -> selects(pdb.at("/spec/selector"), labels)).toList();
        assertThat(budgets).as("%s: PodDisruptionBudgets selecting the api pods", overlay).hasSize(1);
        JsonNode spec = budgets.get(0).path("spec");
        if (spec.has("minAvailable")) {
            assertThat(spec.get("minAvailable").asInt()).as("%s: minAvailable must let one pod go", overlay)
                    .isBetween(1, replicas - 1);
        } else {
            assertThat(spec.path("maxUnavailable").asInt()).isGreaterThanOrEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void shouldProbeHealthEndpointsOnThePortThatServesThem(String overlay) throws Exception {
        Manifests m = rendered(overlay);
        for (var service : Map.of(API, ServiceSettings.API, WORKER, ServiceSettings.WORKER).entrySet()) {
            JsonNode container = container(m.deployment(service.getKey()));
            Map<String, String> env = literalEnv(container);
            ServiceSettings settings = service.getValue();
            int port = settings.healthPort(env);
            String root = settings.healthRoot(env);
            assertThat(container.has("livenessProbe") && container.has("readinessProbe"))
                    .as("%s: %s has liveness and readiness probes", overlay, service.getKey()).isTrue();
            for (var probe : Map.of("livenessProbe", "/live", "readinessProbe", "/ready", "startupProbe", "/started").entrySet()) {
                JsonNode http = container.path(probe.getKey()).path("httpGet");
                if (container.has(probe.getKey())) {
                    String where = overlay + ": " + service.getKey() + " " + probe.getKey();
                    assertThat(http.path("path").asText()).as(where).isEqualTo(root + probe.getValue());
                    assertThat(resolvePort(http.path("port"), container)).as(where + " port").isEqualTo(port);
                }
            }
        }
    }

    /** Every worker pool's Deployment (one per engine in a mixed fleet): the pods of component "worker". */
    static List<JsonNode> workerPools(Manifests m) {
        return m.ofKind("Deployment").stream()
                .filter(d -> "worker".equals(d.at("/spec/template/metadata/labels").path("app.kubernetes.io/component").asText()))
                .toList();
    }

    /** The engine a worker pool claims for: its explicit briefaudio.tts.engine. */
    static String engineOf(JsonNode workerDeployment) {
        return literalEnv(container(workerDeployment)).getOrDefault("BRIEFAUDIO_TTS_ENGINE", "(unset)");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void shouldGiveWorkersTimeToFinishAndReleaseTheirItemsBeforeTheyAreKilled(String overlay) throws Exception {
        for (JsonNode worker : workerPools(rendered(overlay))) {
            shouldGiveWorkerTimeToFinish(overlay + " " + name(worker), worker);
        }
    }

    private static void shouldGiveWorkerTimeToFinish(String overlay, JsonNode worker) {
        Map<String, String> env = literalEnv(container(worker));
        Duration shutdownTimeout = ServiceSettings.duration(
                ServiceSettings.WORKER.value("quarkus.shutdown.timeout", env).orElse("30s"));
        String declared = worker.at("/metadata/annotations").path(LONGEST_ITEM).asText(null);
        assertThat(declared).as("%s: the worker Deployment declares %s", overlay, LONGEST_ITEM).isNotNull();
        Duration longestItem = Duration.ofSeconds(Long.parseLong(declared));
        assertThat(longestItem).as("%s: longest item", overlay).isGreaterThanOrEqualTo(ESPEAK_LONGEST_ITEM);

        long grace = worker.at("/spec/template/spec/terminationGracePeriodSeconds").asLong(30);
        assertThat(Duration.ofSeconds(grace))
                .as("%s: terminationGracePeriodSeconds vs shutdown timeout %s + longest item %s + release %s",
                        overlay, shutdownTimeout, longestItem, RELEASE)
                .isGreaterThanOrEqualTo(shutdownTimeout.plus(longestItem).plus(RELEASE));
    }

    /** The api-service's Deployment and every worker pool's, each with the settings its module reads. */
    private static Map<String, ServiceSettings> services(Manifests m) {
        Map<String, ServiceSettings> services = new LinkedHashMap<>();
        services.put(API, ServiceSettings.API);
        workerPools(m).forEach(pool -> services.put(name(pool), ServiceSettings.WORKER));
        return services;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void shouldSetOnlyVariablesTheServicesRead(String overlay) throws Exception {
        Manifests m = rendered(overlay);
        for (var service : services(m).entrySet()) {
            JsonNode container = container(m.deployment(service.getKey()));
            assertThat(container.has("envFrom")).as("%s: %s uses explicit env, not envFrom", overlay, service.getKey())
                    .isFalse();
            List<String> unread = new ArrayList<>();
            container.path("env").forEach(e -> {
                if (!service.getValue().reads(e.path("name").asText())) {
                    unread.add(e.path("name").asText());
                }
            });
            assertThat(unread).as("%s: variables of %s that no property of %s maps to (known: %s)", overlay,
                    service.getKey(), service.getValue().module(), service.getValue().propertyNames()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void shouldRequestAndLimitResources(String overlay) throws Exception {
        for (String name : services(rendered(overlay)).keySet()) {
            JsonNode resources = container(rendered(overlay).deployment(name)).path("resources");
            String where = overlay + ": " + name;
            assertThat(resources.at("/requests/cpu").isMissingNode()).as(where + " requests cpu").isFalse();
            assertThat(resources.at("/requests/memory").isMissingNode()).as(where + " requests memory").isFalse();
            assertThat(mebibytes(resources.at("/limits/memory").asText("0")))
                    .as(where + " memory limit at least its request")
                    .isGreaterThanOrEqualTo(mebibytes(resources.at("/requests/memory").asText()));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void shouldServeTheApiAndNoWorker(String overlay) throws Exception {
        Manifests m = rendered(overlay);
        JsonNode workerLabels = m.deployment(WORKER).at("/spec/template/metadata/labels");
        assertThat(m.ofKind("Service")).as("%s: Services selecting worker pods", overlay)
                .noneMatch(s -> selects(s.at("/spec/selector"), workerLabels));

        JsonNode api = m.deployment(API);
        JsonNode apiService = m.ofKind("Service").stream()
                .filter(s -> selects(s.at("/spec/selector"), api.at("/spec/template/metadata/labels")))
                .findFirst().orElseThrow(() -> new AssertionError(overlay + ": no Service selects the api pods"));
        for (JsonNode port : apiService.at("/spec/ports")) {
            assertThat(resolvePort(port.path("targetPort"), container(api))).as("%s: api Service target port", overlay)
                    .isEqualTo(ServiceSettings.API.value("quarkus.http.port", literalEnv(container(api)))
                            .map(Integer::parseInt).orElse(8080));
        }
        for (JsonNode ingress : m.ofKind("Ingress")) {
            ingress.findValues("service").forEach(backend -> {
                assertThat(backend.path("name").asText()).as("%s: Ingress backend", overlay).isEqualTo(name(apiService));
                if (backend.at("/port/name").isTextual()) {
                    assertThat(apiService.at("/spec/ports").findValuesAsText("name")).contains(backend.at("/port/name").asText());
                }
            });
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void shouldScaleEachWorkerPoolWithExactlyOneAutoscalerCountingItsOwnEngine(String overlay) throws Exception {
        Manifests m = rendered(overlay);
        List<String> pools = workerPools(m).stream().map(Manifests::name).toList();
        assertThat(pools).as("%s: worker pools", overlay).contains(WORKER);
        assertThat(m.ofKind("ScaledObject")).as("%s: every ScaledObject targets a worker pool by its rendered name", overlay)
                .allMatch(s -> pools.contains(s.at("/spec/scaleTargetRef/name").asText()));
        for (JsonNode pool : workerPools(m)) {
            List<JsonNode> scaledObjects = m.ofKind("ScaledObject").stream()
                    .filter(s -> name(pool).equals(s.at("/spec/scaleTargetRef/name").asText())).toList();
            List<JsonNode> hpas = m.ofKind("HorizontalPodAutoscaler").stream()
                    .filter(h -> name(pool).equals(h.at("/spec/scaleTargetRef/name").asText())).toList();
            assertThat(scaledObjects.size() + hpas.size()).as("%s: autoscalers of %s (KEDA's or an HPA)", overlay, name(pool))
                    .isEqualTo(1);
            for (JsonNode scaledObject : scaledObjects) {
                assertThat(scaledObject.at("/spec/triggers/0/metadata/query").asText())
                        .as("%s: %s's ScaledObject counts only the engine the pool runs", overlay, name(pool))
                        .contains("engine = '" + engineOf(pool) + "'");
            }
        }

        for (JsonNode scaledObject : m.ofKind("ScaledObject")) {
            JsonNode spec = scaledObject.path("spec");
            assertThat(spec.path("minReplicaCount").asInt(0)).isLessThanOrEqualTo(spec.path("maxReplicaCount").asInt(100));
            JsonNode trigger = spec.path("triggers").get(0);
            assertThat(spec.path("triggers")).as("%s: one trigger", overlay).hasSize(1);
            assertThat(trigger.path("type").asText()).isEqualTo("postgresql");
            assertThat(Double.parseDouble(trigger.at("/metadata/targetQueryValue").asText("0"))).isPositive();
            String auth = trigger.at("/authenticationRef/name").asText();
            JsonNode triggerAuth = m.find("TriggerAuthentication", auth)
                    .orElseThrow(() -> new AssertionError(overlay + ": no TriggerAuthentication " + auth));
            assertThat(triggerAuth.at("/spec/secretTargetRef").findValuesAsText("parameter"))
                    .containsAnyOf("connection", "password");
        }
    }

    @org.junit.jupiter.api.Test
    void shouldRenderEspeakXttsAndKokoroPoolsSideBySideInProd() throws Exception {
        Manifests prod = rendered("prod");
        assertThat(workerPools(prod)).extracting(DeployManifestTest::engineOf)
                .containsExactlyInAnyOrder("espeak", "xtts", "kokoro");
        JsonNode xtts = prod.deployment("brief-audio-worker-xtts");
        assertThat(literalEnv(container(xtts))).containsEntry("BRIEFAUDIO_TTS_XTTS_MODEL_DIR", "/models/xtts");
        JsonNode kokoro = prod.deployment("brief-audio-worker-kokoro");
        assertThat(literalEnv(container(kokoro))).containsEntry("BRIEFAUDIO_TTS_KOKORO_MODEL_DIR", "/models/kokoro");
        for (JsonNode pool : List.of(xtts, kokoro)) {
            assertThat(container(pool).path("image").asText()).as(name(pool))
                    .isEqualTo(container(prod.deployment(WORKER)).path("image").asText());
        }
        assertThat(workerPools(prod)).extracting(pool -> pool.at("/spec/template/metadata/labels")
                        .path("app.kubernetes.io/name").asText())
                .as("the pools' selectors must not overlap").doesNotHaveDuplicates();
    }

    /**
     * Every pool that runs a model engine mounts its model directory (BRIEFAUDIO_TTS_ENGINE_MODEL_DIR) read-only, from a
     * volume the pod defines; a claim it names must be rendered by the same overlay, or the pod never starts.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void shouldMountEachPoolsModelDirectoryReadOnlyFromAVolumeTheOverlayRenders(String overlay) throws Exception {
        Manifests m = rendered(overlay);
        for (JsonNode pool : workerPools(m)) {
            String engine = engineOf(pool);
            String modelDir = literalEnv(container(pool)).get("BRIEFAUDIO_TTS_" + engine.toUpperCase(java.util.Locale.ROOT) + "_MODEL_DIR");
            if (modelDir == null) {
                continue;
            }
            String where = overlay + ": " + name(pool);
            JsonNode mount = null;
            for (JsonNode candidate : container(pool).path("volumeMounts")) {
                if (modelDir.equals(candidate.path("mountPath").asText())) {
                    mount = candidate;
                }
            }
            assertThat(mount).as("%s: a volume mounted at its model directory %s", where, modelDir).isNotNull();
            assertThat(mount.path("readOnly").asBoolean()).as("%s: mounted read-only", where).isTrue();
            String volumeName = mount.path("name").asText();
            JsonNode volume = null;
            for (JsonNode candidate : pool.at("/spec/template/spec/volumes")) {
                if (volumeName.equals(candidate.path("name").asText())) {
                    volume = candidate;
                }
            }
            assertThat(volume).as("%s: the volume %s", where, volumeName).isNotNull();
            String claim = volume.at("/persistentVolumeClaim/claimName").asText(null);
            if (claim != null) {
                assertThat(m.find("PersistentVolumeClaim", claim)).as("%s: the claim %s", where, claim).isPresent();
                assertThat(m.find("PersistentVolumeClaim", claim).orElseThrow().at("/spec/accessModes").toString())
                        .as("%s: every replica mounts %s", where, claim).contains("ReadOnlyMany");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void shouldMountTheXttsModelDirectoryReadOnly(String overlay) throws Exception {
        JsonNode worker = rendered(overlay).deployment(WORKER);
        JsonNode mount = null;
        for (JsonNode m : container(worker).path("volumeMounts")) {
            if ("/models/xtts".equals(m.path("mountPath").asText())) {
                mount = m;
            }
        }
        assertThat(mount).as("%s: a volume mounted at /models/xtts", overlay).isNotNull();
        assertThat(mount.path("readOnly").asBoolean()).as("%s: mounted read-only", overlay).isTrue();
        assertThat(worker.at("/spec/template/spec/volumes").findValuesAsText("name")).contains(mount.path("name").asText());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void shouldRequireApiKeys(String overlay) throws Exception {
        JsonNode container = container(rendered(overlay).deployment(API));
        assertThat(literalEnv(container)).as("%s: the api-service's environment", overlay)
                .containsEntry("BRIEFAUDIO_AUTH_ENABLED", "true");
        assertThat(container.path("env").findValuesAsText("name")).as(overlay).contains("BRIEFAUDIO_AUTH_BOOTSTRAP_KEY");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void shouldDefineEverySecretKeyItRefersToWhenItRendersSecrets(String overlay) throws Exception {
        Manifests m = rendered(overlay);
        if (m.ofKind("Secret").isEmpty()) {
            return; // secrets made outside (prod): their keys are listed in the overlay's kustomization
        }
        Map<String, JsonNode> secrets = new LinkedHashMap<>();
        m.ofKind("Secret").forEach(s -> secrets.put(name(s), s));
        List<String> missing = new ArrayList<>();
        for (JsonNode object : m.objects()) {
            object.findValues("secretKeyRef").forEach(ref -> {
                if (!ref.path("optional").asBoolean(false) && !hasKey(secrets.get(ref.path("name").asText()), ref.path("key").asText())) {
                    missing.add(name(object) + " → " + ref.path("name").asText() + "/" + ref.path("key").asText());
                }
            });
            for (JsonNode ref : object.at("/spec/secretTargetRef")) {
                if (!hasKey(secrets.get(ref.path("name").asText()), ref.path("key").asText())) {
                    missing.add(name(object) + " → " + ref.path("name").asText() + "/" + ref.path("key").asText());
                }
            }
        }
        assertThat(missing).as("%s: secret keys referred to but not rendered", overlay).isEmpty();
    }

    private static boolean hasKey(JsonNode secret, String key) {
        return secret != null && (secret.path("data").has(key) || secret.path("stringData").has(key));
    }

    /** The container's variables with literal values (those from Secrets or fields are unknown here). */
    static Map<String, String> literalEnv(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        });
        return env;
    }

    private static long mebibytes(String quantity) {
        var m = java.util.regex.Pattern.compile("(\\d+)(Ki|Mi|Gi|M|G)?").matcher(quantity);
        if (!m.matches()) {
            throw new IllegalArgumentException("unsupported memory quantity " + quantity);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "" : m.group(2)) {
            case "Ki" -> n / 1024;
            case "Mi" -> n;
            case "Gi" -> n * 1024;
            case "M" -> n * 1_000_000 / (1024 * 1024);
            case "G" -> n * 1_000_000_000 / (1024 * 1024);
            default -> n / (1024 * 1024);
        };
    }
}
