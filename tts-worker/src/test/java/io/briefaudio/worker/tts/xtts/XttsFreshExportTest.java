package io.briefaudio.worker.tts.xtts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.audio.Pcm;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The engine loads what the current exporter writes, not only the committed fixture: tools/test.sh exports a
 * random checkpoint in Coqui's layout with {@code --checkpoint-dir} and points {@value #VARIABLE} at the result.
 */
class XttsFreshExportTest {

    static final String VARIABLE = "BRIEFAUDIO_XTTS_FRESH_EXPORT";

    @Test
    void shouldSpeakEveryPresetFromADirectoryTheExporterHasJustWritten() throws Exception {
        Path dir = freshExport();
        assertThat(dir.resolve("LICENSE-CPML.txt")).exists();
        try (XttsEngine engine = XttsEngine.load(dir, 1)) {
            assertThat(engine.modelVersion()).matches("xtts-v2/[0-9a-f]{12}/presets-[0-9a-f]{8}");
            assertThat(engine.languages()).hasSize(17);
            for (VoicePreset preset : VoicePreset.values()) {
                Pcm pcm = engine.synthesize("Fresh from the exporter.", preset, "en");
                assertThat(pcm.sampleRate()).isEqualTo(24000);
                assertThat(pcm.samples()).isNotEmpty();
                assertThat(pcm.samples().length % 256).isZero();
                for (float s : pcm.samples()) {
                    assertThat(Float.isFinite(s)).isTrue();
                }
            }
        }
    }

    private static Path freshExport() {
        String dir = System.getenv(VARIABLE);
        if (dir == null || dir.isBlank()) {
            if (System.getenv("CI") != null) {
                fail(VARIABLE + " is not set: CI must run tools/test.sh, which exports a fresh model first");
            }
            Assumptions.abort(VARIABLE + " is not set: tools/test.sh exports a fresh model with tools/xtts-export "
                    + "(python3-torch) and sets it; this test is skipped without it");
        }
        return Path.of(dir);
    }
}
