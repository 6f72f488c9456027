package io.briefaudio.worker.tts;

import io.briefaudio.worker.tts.espeak.EspeakProgram;
import io.briefaudio.worker.tts.kokoro.KokoroEngine;
import io.briefaudio.worker.tts.xtts.XttsEngine;
import io.briefaudio.worker.tts.xtts.XttsPrecision;
import io.briefaudio.worker.tts.xtts.XttsPresets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Decides which engine the worker runs from {@code briefaudio.tts.engine} and the XTTS model directory. */
final class EngineSelection {

    private EngineSelection() {
    }

    /**
     * {@code auto} means XTTS when a model directory is configured, else eSpeak NG.
     *
     * @throws EngineUnavailableException when XTTS is asked for without a model directory
     */
    static TtsConfig.EngineChoice choose(TtsConfig.EngineChoice configured, Optional<Path> xttsModelDir) {
        return choose(configured, xttsModelDir, Optional.empty());
    }

    /**
     * {@code auto} means XTTS when its model directory is configured, else Kokoro when its model directory is,
     * else eSpeak NG.
     *
     * @throws EngineUnavailableException when XTTS or Kokoro is asked for without its model directory
     */
    static TtsConfig.EngineChoice choose(TtsConfig.EngineChoice configured, Optional<Path> xttsModelDir,
                                         Optional<Path> kokoroModelDir) {
        return switch (configured) {
            case KOKORO -> {
                if (kokoroModelDir.isEmpty()) {
                    throw new EngineUnavailableException("briefaudio.tts.engine=kokoro needs briefaudio.tts.kokoro.model-dir, "
                            + "a Kokoro model directory (docs/engines.md)");
                }
                yield TtsConfig.EngineChoice.KOKORO;
            }
            case ESPEAK -> TtsConfig.EngineChoice.ESPEAK;
            case XTTS -> {
                if (xttsModelDir.isEmpty()) {
                    throw new EngineUnavailableException("briefaudio.tts.engine=xtts needs briefaudio.tts.xtts.model-dir, "
                            + "the directory written by tools/xtts-export (see docs/xtts.md)");
                }
                yield TtsConfig.EngineChoice.XTTS;
            }
            case AUTO -> xttsModelDir.isPresent() ? TtsConfig.EngineChoice.XTTS
                    : kokoroModelDir.isPresent() ? TtsConfig.EngineChoice.KOKORO : TtsConfig.EngineChoice.ESPEAK;
        };
    }

    /**
     * Loads the Kokoro model; a directory that is missing or wrong stops start-up naming the file and what was
     * expected.
     */
    static SpeechEngine loadKokoro(Path modelDir, EspeakProgram espeak, KokoroEngine.Settings settings) {
        try {
            return KokoroEngine.load(modelDir, espeak, settings);
        } catch (IOException | RuntimeException e) {
            throw new EngineUnavailableException("cannot load the Kokoro model from " + modelDir
                    + " (briefaudio.tts.kokoro.model-dir): " + e.getMessage(), e);
        }
    }

    /**
     * Loads the XTTS model; a directory that is missing or wrong stops start-up with the reason rather
     * than letting the worker fall back to another engine.
     */
    static SpeechEngine loadXtts(Path modelDir, int intraOpThreads) {
        return loadXtts(modelDir, intraOpThreads, XttsEngine.DEFAULT_MAX_BATCH, Map.of(), "fp32");
    }

    /** {@code precision} is the configured {@code briefaudio.tts.xtts.precision}; an unknown value stops start-up. */
    static SpeechEngine loadXtts(Path modelDir, int intraOpThreads, int maxBatch,
                                 Map<String, TtsConfig.XttsPreset> presets, String precision) {
        Map<String, XttsPresets.Override> overrides = new HashMap<>();
        presets.forEach((id, p) -> overrides.put(id, new XttsPresets.Override(p.speaker(), p.temperature(),
                p.topK(), p.topP(), p.repetitionPenalty(), p.speed())));
        XttsPrecision chosen;
        try {
            chosen = XttsPrecision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new EngineUnavailableException(e.getMessage(), e);
        }
        try {
            return XttsEngine.load(modelDir, intraOpThreads, maxBatch, overrides, chosen);
        } catch (IOException | RuntimeException e) {
            throw new EngineUnavailableException("cannot load the XTTS model from " + modelDir
                    + " (briefaudio.tts.xtts.model-dir): " + e.getMessage(), e);
        }
    }
}
