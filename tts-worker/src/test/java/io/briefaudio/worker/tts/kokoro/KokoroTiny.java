package io.briefaudio.worker.tts.kokoro;

import io.briefaudio.worker.tts.espeak.EspeakProgram;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The tiny random Kokoro fixtures written by tools/kokoro-export/make_fixtures.py: {@code kokoro-tiny} (the
 * exporter's directory) and {@code kokoro-tiny-release} (the same weights in the kokoro-onnx release's layout).
 */
public final class KokoroTiny {

    /** The fixture has three voices; every preset is mapped to one of them. */
    public static final Map<String, String> PRESETS = Map.of("professional", "af_heart", "warm", "bf_emma",
            "authoritative", "am_michael", "calm", "af_heart(2)+bf_emma(1)", "friendly", "am_michael");

    private KokoroTiny() {
    }

    public static Path exported() {
        return resource("/kokoro-tiny/manifest.json").getParent();
    }

    public static Path release() {
        return resource("/kokoro-tiny-release/config.json").getParent();
    }

    public static EspeakProgram espeak() {
        return new EspeakProgram("espeak-ng", Duration.ofSeconds(30));
    }

    public static KokoroEngine.Settings settings(String precision, double speed) {
        return new KokoroEngine.Settings(precision, 1, speed, 510, PRESETS);
    }

    public static KokoroEngine load(Path dir) throws IOException {
        return KokoroEngine.load(dir, espeak(), settings("fp32", 1.0));
    }

    static Path resource(String name) {
        try {
            return Path.of(KokoroTiny.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException(name + " is missing: run tools/kokoro-export/make_fixtures.py", e);
        }
    }
}
