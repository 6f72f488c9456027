package io.briefaudio.worker.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.briefaudio.worker.tts.TtsConfig.EngineChoice;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

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
    void shouldRefuseToStartWhenXttsIsAskedFor() {
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class,
                () -> EngineSelection.choose(EngineChoice.XTTS, Optional.empty()));
        assertTrue(e.getMessage().startsWith("XTTS engine is not available in this build yet"), e.getMessage());
    }

    @Test
    void shouldRefuseToStartRatherThanFallBackWhenAnXttsModelIsConfigured() {
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class,
                () -> EngineSelection.choose(EngineChoice.AUTO, Optional.of(Path.of("/models/xtts"))));
        assertTrue(e.getMessage().contains("XTTS engine is not available in this build yet"), e.getMessage());
        assertTrue(e.getMessage().contains("/models/xtts"), e.getMessage());
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
}
