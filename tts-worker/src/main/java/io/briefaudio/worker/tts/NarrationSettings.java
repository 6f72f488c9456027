package io.briefaudio.worker.tts;

import java.time.Duration;

/** How chunks of speech are joined and levelled into one narration. */
public record NarrationSettings(Duration sentencePause, Duration paragraphPause, Duration clausePause,
                                Duration fade, double targetRmsDbfs, double peakCeilingDbfs) {

    public static final NarrationSettings DEFAULTS = new NarrationSettings(Duration.ofMillis(250),
            Duration.ofMillis(600), Duration.ofMillis(120), Duration.ofMillis(8), -20.0, -1.0);

    static NarrationSettings from(TtsConfig.Narration config) {
        return new NarrationSettings(config.sentencePause(), config.paragraphPause(), config.clausePause(),
                config.fade(), config.targetRmsDbfs(), config.peakCeilingDbfs());
    }

    /** Every setting in a stable text form: part of the audio cache key, since each one changes the bytes. */
    public String fingerprint() {
        return "pauses=" + sentencePause.toMillis() + "/" + paragraphPause.toMillis() + "/" + clausePause.toMillis()
                + ";fade=" + fade.toNanos() + "ns;rms=" + targetRmsDbfs + ";peak=" + peakCeilingDbfs;
    }
}
