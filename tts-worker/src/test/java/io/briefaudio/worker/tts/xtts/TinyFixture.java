package io.briefaudio.worker.tts.xtts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed random tiny model (tools/xtts-export/make_fixtures.py) and its PyTorch reference outputs. */
public final class TinyFixture {

    private TinyFixture() {
    }

    public static Path dir() {
        try {
            return Path.of(TinyFixture.class.getResource("/xtts-tiny/manifest.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the model directory's files (not the references) into {@code target}, for tests that break one. */
    static Path copyTo(Path target) throws IOException {
        Files.createDirectories(target);
        try (java.util.stream.Stream<Path> files = Files.list(dir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }

    /**
     * A copy of the model in {@code target} whose stop code the engine never recognises (the manifest names an id
     * past the vocabulary), so every sentence runs to the 602-code cap: what a runaway XTTS sentence does.
     */
    public static Path withoutStopCode(Path target) throws IOException {
        copyTo(target);
        Path manifest = target.resolve("manifest.json");
        String text = Files.readString(manifest);
        if (!text.contains("\"stop_audio\": 1025")) {
            throw new IllegalStateException("the fixture's stop code moved; update withoutStopCode");
        }
        Files.writeString(manifest, text.replace("\"stop_audio\": 1025", "\"stop_audio\": 1026"));
        return target;
    }

    static JsonNode reference() throws IOException {
        return new ObjectMapper().readTree(dir().resolve("reference/reference.json").toFile());
    }

    static float[] floats(String file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir().resolve("reference").resolve(file)))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    static float maxAbsDiff(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
