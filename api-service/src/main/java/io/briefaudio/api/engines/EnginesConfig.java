package io.briefaudio.api.engines;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which engine speaks a job when neither the request nor its voice names one. */
@ConfigMapping(prefix = "briefaudio.tts")
public interface EnginesConfig {

    /** The engine of jobs whose request and voice do not decide: espeak, xtts or kokoro (BRIEFAUDIO_TTS_DEFAULT_ENGINE). */
    @WithDefault("espeak")
    String defaultEngine();
}
