package io.briefaudio.api.openai;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "briefaudio.openai")
public interface OpenAiConfig {

    /** How long POST /v1/audio/speech waits for its job; past it the answer is 504 and the job goes on. */
    @WithDefault("120s")
    Duration timeout();

    /** Claim priority of speech-request items; batch items have 0 and higher goes first. */
    @WithDefault("10")
    int priority();

    /** The ffmpeg program, for speed changes and the formats other than wav (mp3, opus, aac, flac, pcm). */
    @WithDefault("ffmpeg")
    String ffmpeg();
}
