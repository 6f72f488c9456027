package io.briefaudio.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "briefaudio")
public interface ApiConfig {

    Briefs briefs();

    Jobs jobs();

    interface Briefs {
        /** Most items one brief may hold. */
        @WithDefault("100")
        int maxItems();

        /** Most characters of text one item may hold. */
        @WithDefault("5000")
        int maxItemChars();

        /** Most characters of a brief or item title. */
        @WithDefault("500")
        int maxTitleChars();

        /** Largest page size for listing briefs. */
        @WithDefault("100")
        int maxPageSize();
    }

    interface Jobs {
        /** Attempts a worker makes at one item before it counts as failed. */
        @WithDefault("3")
        int maxAttempts();
    }
}
