package io.briefaudio.worker.tts;

import java.nio.file.Path;
import java.util.Optional;

/** Decides which engine the worker runs from {@code briefaudio.tts.engine} and the XTTS model directory. */
final class EngineSelection {

    static final String XTTS_NOT_AVAILABLE = "XTTS engine is not available in this build yet";

    private EngineSelection() {
    }

    /**
     * @throws EngineUnavailableException when XTTS is asked for, by name or by a configured model directory:
     *                                    a worker must not quietly narrate with a different engine than configured
     */
    static TtsConfig.EngineChoice choose(TtsConfig.EngineChoice configured, Optional<Path> xttsModelDir) {
        return switch (configured) {
            case ESPEAK -> TtsConfig.EngineChoice.ESPEAK;
            case XTTS -> throw new EngineUnavailableException(XTTS_NOT_AVAILABLE
                    + " (briefaudio.tts.engine=xtts); set briefaudio.tts.engine=espeak or auto");
            case AUTO -> {
                if (xttsModelDir.isPresent()) {
                    throw new EngineUnavailableException(XTTS_NOT_AVAILABLE + " (briefaudio.tts.engine=auto with "
                            + "briefaudio.tts.xtts.model-dir=" + xttsModelDir.get() + "); unset the model directory "
                            + "or set briefaudio.tts.engine=espeak");
                }
                yield TtsConfig.EngineChoice.ESPEAK;
            }
        };
    }
}
