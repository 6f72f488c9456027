package io.briefaudio.worker.voices;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "briefaudio.voices")
public interface VoicesConfig {

    /** The ffmpeg program that decodes compressed reference clips (MP3, Ogg/Opus, FLAC, M4A, WebM). */
    @WithDefault("ffmpeg")
    String ffmpeg();

    /** Whether this worker prepares custom voices (only engines that can clone ever claim a preparation). */
    @WithDefault("true")
    boolean prepare();
}
