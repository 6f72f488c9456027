package io.briefaudio.api.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "briefaudio.events")
public interface EventsConfig {

    /** How often an idle event stream gets a comment line, so that proxies keep it open. */
    @WithDefault("15s")
    Duration heartbeat();
}
