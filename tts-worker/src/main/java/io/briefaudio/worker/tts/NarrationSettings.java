package io.briefaudio.worker.tts;

import java.time.Duration;

/** How chunks of speech are joined and levelled into one narration. */
public record NarrationSettings(Duration sentencePause, Duration paragraphPause, Duration clausePause,
                                Duration fade, double targetLufs, double truePeakDbtp) {

    public static final NarrationSettings DEFAULTS = new NarrationSettings(Duration.ofMillis(250),
            Duration.ofMillis(600), Duration.ofMillis(120), Duration.ofMillis(8), -16.0, -1.5);

    static NarrationSettings from(TtsConfig.Narration config) {
        return new NarrationSettings(config.sentencePause(), config.paragraphPause(), config.clausePause(),
                config.fade(), config.targetLufs(), config.truePeakDbtp());
    }

    /** Every setting in a stable text form: part of the audio cache key, since each one changes the bytes. */
    public String fingerprint() {
        return "pauses=" + sentencePause.toMillis() + "/" + paragraphPause.toMillis() + "/" + clausePause.toMillis()
                + ";fade=" + fade.toNanos() + "ns;r128=" + targetLufs + "LUFS;truepeak=" + truePeakDbtp + "dBTP";
    }
}
