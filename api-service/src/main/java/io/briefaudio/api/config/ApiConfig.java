package io.briefaudio.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

@ConfigMapping(prefix = "briefaudio")
public interface ApiConfig {

    Briefs briefs();

    Jobs jobs();

    Http http();

    interface Http {
        /**
         * Absolute URL clients reach this service under (e.g. {@code https://audio.example.com}); {@code Location}
         * headers then use it. Unset: {@code Location} is a path relative to the request, never the Host header.
         */
        Optional<URI> publicBaseUrl();

        /** Longest a request body may take to arrive once its headers have; slower ones get 408 and are closed. */
        @WithDefault("30s")
        Duration bodyTimeout();
    }

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

        Retention retention();

        interface Retention {
            /** Briefs older than this many days are deleted with their jobs and audio by the retention task; unset keeps them. */
            OptionalInt days();
        }
    }

    interface Jobs {
        /** Attempts a worker makes at one item before it counts as failed. */
        @WithDefault("3")
        int maxAttempts();

        Retention retention();

        interface Retention {
            /** Finished (completed, failed, cancelled) jobs older than this many days are deleted by the retention task. */
            @WithDefault("90")
            int days();
        }
    }
}
