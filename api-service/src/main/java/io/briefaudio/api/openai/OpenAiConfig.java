package io.briefaudio.api.openai;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

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

    /**
     * Model name to engine ({@code espeak}, {@code xtts}, {@code kokoro}), changing the built-in map (tts-1 and
     * gpt-4o-mini-tts: the default engine; tts-1-hd: xtts; each engine's name: itself) or adding models.
     */
    Map<String, String> models();
}
