package io.briefaudio.worker.tts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Speech engine and narration settings. */
@ConfigMapping(prefix = "briefaudio.tts")
public interface TtsConfig {

    /**
     * Which engine speaks: auto (XTTS when its model directory is configured, else Kokoro when its model directory
     * is, else eSpeak NG), espeak, xtts or kokoro.
     */
    @WithDefault("auto")
    EngineChoice engine();

    Xtts xtts();

    Espeak espeak();

    Kokoro kokoro();

    Narration narration();

    enum EngineChoice { AUTO, ESPEAK, XTTS, KOKORO }

    interface Xtts {
        /** Directory written by tools/xtts-export; under {@code auto}, setting it selects XTTS. */
        Optional<Path> modelDir();

        /** ONNX Runtime intra-op threads of the one decoding scheduler; the replica's core count. */
        @WithDefault("2")
        int intraOpThreads();

        /** Sentences the scheduler decodes together, across the item slots (bench/README.md has the measurements). */
        @WithDefault("16")
        int maxBatch();

        /** GPT weights: fp32 (exact) or int8 (the exporter's opt-in int8 graph; listen first, docs/xtts.md). */
        @WithDefault("fp32")
        String precision();

        /** Changes to the presets' studio speaker, sampling and speed, keyed by preset id (docs/xtts.md). */
        Map<String, XttsPreset> presets();
    }

    interface XttsPreset {
        /** Studio speaker name, one of the model directory's built-in voices. */
        Optional<String> speaker();

        /** Sampling temperature (> 0). */
        OptionalDouble temperature();

        /** Keep only the k most likely codes (0 keeps all). */
        OptionalInt topK();

        /** Keep the most likely codes up to this cumulative probability, in (0, 1]. */
        OptionalDouble topP();

        /** Penalty on codes already in the sequence (> 0; 1 is none). */
        OptionalDouble repetitionPenalty();

        /** Speaking speed factor applied to the latents (1 is unchanged). */
        OptionalDouble speed();
    }

    interface Kokoro {
        /** Kokoro model directory (config.json, a graph, voices; docs/engines.md); with engine=kokoro it is required. */
        Optional<Path> modelDir();

        /** Which graph of the directory runs: fp32, or int8 (the exporter's --quantize int8 or a downloaded one). */
        @WithDefault("fp32")
        String precision();

        /** ONNX Runtime intra-op threads per synthesis. */
        @WithDefault("2")
        int intraOpThreads();

        /** Speaking speed through the model's own speed input, 0.5 to 2.0 (larger is faster). */
        @WithDefault("1.0")
        double speed();

        /** Most phonemes per model call, 1 to 510 (the model's limit); longer sentences are cut at clause marks. */
        @WithDefault("510")
        int maxPhonemes();

        /** A voice or mix of the model per preset id ({@code af_heart}, {@code af_bella(2)+af_sky}); docs/engines.md. */
        Map<String, String> presets();
    }

    interface Espeak {
        /** The eSpeak NG program, a name on PATH or an absolute path. */
        @WithDefault("espeak-ng")
        String program();

        /** Longest one eSpeak NG call may run before it is killed and the item retried. */
        @WithDefault("30s")
        Duration timeout();
    }

    interface Narration {
        /** Silence between sentences. */
        @WithDefault("250ms")
        Duration sentencePause();

        /** Silence between paragraphs. */
        @WithDefault("600ms")
        Duration paragraphPause();

        /** Silence where a sentence too long for the engine was cut into chunks. */
        @WithDefault("120ms")
        Duration clausePause();

        /** Fade in and out at every chunk's edges, so joins never click. */
        @WithDefault("8ms")
        Duration fade();

        /** Loudness target: integrated loudness (EBU R128) of delivered audio, in LUFS. */
        @WithDefault("-16")
        double targetLufs();

        /** Highest true peak of delivered audio, in dBTP (after lossy encoding); wins over the loudness target. */
        @WithDefault("-1.5")
        double truePeakDbtp();
    }
}
