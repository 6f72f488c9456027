package io.briefaudio.deploy;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The objects one kustomize overlay renders to, as `kubectl kustomize` prints them. */
record Manifests(String overlay, List<JsonNode> objects) {

    static final Path ROOT = Path.of(System.getProperty("briefaudio.root", "..")).toAbsolutePath().normalize();
    static final Path OVERLAYS = ROOT.resolve("deploy/k8s/overlays");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<String> overlayNames() throws IOException {
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static Manifests render(String overlay) throws IOException, InterruptedException {
        Path dir = OVERLAYS.resolve(overlay);
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        } catch (IOException e) {
            return fail("kubectl is not on PATH, so the manifests cannot be rendered: install it "
                    + "(tools/ensure-services.sh kubectl) or put any kubectl 1.20 or later on PATH", e);
        }
        String yaml = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("kubectl kustomize " + ROOT.relativize(dir) + " failed:\n" + errors);
        }
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    objects.add(node);
                }
            });
        }
        return new Manifests(overlay, objects);
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    JsonNode deployment(String name) {
        return find("Deployment", name).orElseGet(() -> fail(overlay + " renders no Deployment " + name));
    }

    /** The one container of a Deployment's pod template. */
    static JsonNode container(JsonNode deployment) {
        JsonNode containers = deployment.at("/spec/template/spec/containers");
        if (containers.size() != 1) {
            fail(name(deployment) + " should run exactly one container, has " + containers.size());
        }
        return containers.get(0);
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** Whether a label selector (matchLabels or a Service's plain selector) selects these labels. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        JsonNode match = selector.has("matchLabels") ? selector.get("matchLabels") : selector;
        if (match.isEmpty()) {
            return false;
        }
        for (var it = match.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    /** A probe's or Service's port, by number or by the name of one of the container's ports. */
    static int resolvePort(JsonNode port, JsonNode container) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode declared : container.path("ports")) {
            if (port.asText().equals(declared.path("name").asText())) {
                return declared.path("containerPort").asInt();
            }
        }
        return fail("container " + container.path("name").asText() + " declares no port named " + port.asText());
    }
}
