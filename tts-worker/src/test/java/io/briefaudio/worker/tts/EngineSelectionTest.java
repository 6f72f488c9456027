package io.briefaudio.worker.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.briefaudio.worker.tts.TtsConfig.EngineChoice;
import io.briefaudio.worker.tts.espeak.EspeakEngine;
import io.briefaudio.worker.tts.espeak.EspeakProgram;
import io.briefaudio.worker.tts.kokoro.KokoroEngine;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSelectionTest {

    @Test
    void shouldPickEspeakWhenAutoHasNoXttsModel() {
        assertEquals(EngineChoice.ESPEAK, EngineSelection.choose(EngineChoice.AUTO, Optional.empty()));
    }

    @Test
    void shouldPickEspeakWhenAskedEvenWithAModelDirectory() {
        assertEquals(EngineChoice.ESPEAK, EngineSelection.choose(EngineChoice.ESPEAK, Optional.of(Path.of("/models/xtts"))));
    }

    @Test
    void shouldRefuseXttsWithoutAModelDirectory() {
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class,
                () -> EngineSelection.choose(EngineChoice.XTTS, Optional.empty()));
        assertTrue(e.getMessage().contains("briefaudio.tts.xtts.model-dir"), e.getMessage());
    }

    @Test
    void shouldPickXttsWhenAutoHasAModelDirectory() {
        assertEquals(EngineChoice.XTTS, EngineSelection.choose(EngineChoice.AUTO, Optional.of(Path.of("/models/xtts"))));
        assertEquals(EngineChoice.XTTS, EngineSelection.choose(EngineChoice.XTTS, Optional.of(Path.of("/models/xtts"))));
    }

    @Test
    void shouldStopStartUpWithTheReasonWhenTheModelDirectoryIsWrong(@TempDir Path empty) {
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class,
                () -> EngineSelection.loadXtts(empty, 1));
        assertTrue(e.getMessage().startsWith("cannot load the XTTS model from " + empty), e.getMessage());
        assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
    }

    @Test
    void shouldLoadAnExportedModelDirectory() throws Exception {
        Path tiny = Path.of(getClass().getResource("/xtts-tiny/manifest.json").toURI()).getParent();
        SpeechEngine engine = EngineSelection.loadXtts(tiny, 1);
        assertEquals("xtts-v2", engine.name());
        assertTrue(engine.languages().contains("en"));
    }

    @Test
    void shouldStopStartUpOnAnUnknownPrecision() throws Exception {
        Path tiny = Path.of(getClass().getResource("/xtts-tiny/manifest.json").toURI()).getParent();
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class,
                () -> EngineSelection.loadXtts(tiny, 1, 2, java.util.Map.of(), "fp16"));
        assertEquals("briefaudio.tts.xtts.precision must be fp32 or int8, was 'fp16'", e.getMessage());
    }

    @Test
    void shouldLoadTheInt8GraphWhenAskedAndNameTheExporterCommandWhenItIsMissing(@TempDir Path empty) throws Exception {
        Path tiny = Path.of(getClass().getResource("/xtts-tiny/manifest.json").toURI()).getParent();
        SpeechEngine int8 = EngineSelection.loadXtts(tiny, 1, 2, java.util.Map.of(), "int8");
        assertTrue(int8.modelVersion().contains("/int8-"), int8.modelVersion());
        java.nio.file.Files.copy(tiny.resolve("manifest.json"), empty.resolve("manifest.json"));
        for (String f : new String[] {"vocab.json", "gpt.onnx", "hifigan.onnx", "embeddings.bin", "speakers.bin"}) {
            java.nio.file.Files.copy(tiny.resolve(f), empty.resolve(f));
        }
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class,
                () -> EngineSelection.loadXtts(empty, 1, 2, java.util.Map.of(), "int8"));
        assertTrue(e.getMessage().contains("xtts_export.quantize"), e.getMessage());
    }

    @Test
    void shouldReportEngineAndModelInReadiness() {
        SpeechEngine engine = new EspeakEngine("espeak-ng", 10_000);

        HealthCheckResponse response = new SpeechEngineHealthCheck(engine).call();

        assertEquals("speech-engine", response.getName());
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("espeak-ng", response.getData().orElseThrow().get("engine"));
        assertEquals(engine.modelVersion(), response.getData().orElseThrow().get("modelVersion"));
    }

    @Test
    void shouldRefuseKokoroWithoutAModelDirectory() {
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class,
                () -> EngineSelection.choose(EngineChoice.KOKORO, Optional.empty(), Optional.empty()));
        assertTrue(e.getMessage().contains("briefaudio.tts.kokoro.model-dir"), e.getMessage());
    }

    @Test
    void shouldPickKokoroWhenAutoHasOnlyAKokoroModel() {
        Optional<Path> kokoro = Optional.of(Path.of("/models/kokoro"));
        assertEquals(EngineChoice.KOKORO, EngineSelection.choose(EngineChoice.AUTO, Optional.empty(), kokoro));
        assertEquals(EngineChoice.XTTS, EngineSelection.choose(EngineChoice.AUTO, Optional.of(Path.of("/x")), kokoro));
        assertEquals(EngineChoice.ESPEAK, EngineSelection.choose(EngineChoice.ESPEAK, Optional.empty(), kokoro));
    }

    @Test
    void shouldStopStartUpNamingTheKokoroFileThatIsMissing(@TempDir Path empty) {
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class,
                () -> EngineSelection.loadKokoro(empty, new EspeakProgram("espeak-ng", java.time.Duration.ofSeconds(30)),
                        KokoroEngine.Settings.DEFAULTS));
        assertTrue(e.getMessage().startsWith("cannot load the Kokoro model from " + empty
                + " (briefaudio.tts.kokoro.model-dir): " + empty.resolve("config.json") + " is missing"), e.getMessage());
    }
}
