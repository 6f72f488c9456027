package io.briefaudio.worker.tts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Speech engine and narration settings. */
@ConfigMapping(prefix = "briefaudio.tts")
public interface TtsConfig {

    /** Which engine speaks: auto (XTTS when a model directory is configured, else eSpeak NG), espeak or xtts. */
    @WithDefault("auto")
    EngineChoice engine();

    Xtts xtts();

    Espeak espeak();

    Narration narration();

    enum EngineChoice { AUTO, ESPEAK, XTTS }

    interface Xtts {
        /** Directory written by tools/xtts-export; under {@code auto}, setting it selects XTTS. */
        Optional<Path> modelDir();

        /** ONNX Runtime intra-op threads per synthesis; XTTS is memory-bound, so the core count is plenty. */
        @WithDefault("2")
        int intraOpThreads();
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

        /** Loudness target: RMS of the speech (pauses excluded), in dBFS. */
        @WithDefault("-20")
        double targetRmsDbfs();

        /** No sample may be louder than this, in dBFS; wins over the RMS target. */
        @WithDefault("-1")
        double peakCeilingDbfs();
    }
}
