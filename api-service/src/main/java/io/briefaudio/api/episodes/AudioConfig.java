package io.briefaudio.api.episodes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Audio settings of the api-service. */
@ConfigMapping(prefix = "briefaudio.audio")
public interface AudioConfig {

    /** Format of jobs that do not ask for one: wav, mp3, opus or m4a. */
    @WithDefault("wav")
    String defaultFormat();
}
