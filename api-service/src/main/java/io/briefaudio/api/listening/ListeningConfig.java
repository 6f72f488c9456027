package io.briefaudio.api.listening;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "briefaudio.listening")
public interface ListeningConfig {

    /** Whether audio requests are counted as downloads (docs/listening.md). */
    @WithDefault("true")
    boolean enabled();

    /** Audio a listener must receive (or the whole file, if shorter) for a download to count (IAB v2.1: one minute). */
    @WithDefault("60s")
    Duration minimumAudio();

    /** A file of User-Agent patterns to exclude instead of the built-in list (one case-insensitive substring a line). */
    Optional<Path> botUserAgentsFile();

    /** How often the storage and queue gauges are read from the database. */
    @WithDefault("30s")
    Duration gaugeRefresh();
}
