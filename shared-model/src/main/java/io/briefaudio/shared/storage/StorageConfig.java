package io.briefaudio.shared.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where audio lives and how long it is kept. The S3 client itself (endpoint, region, path style,
 * credentials) is configured through {@code quarkus.s3.*}; see docs/storage.md.
 */
@ConfigMapping(prefix = "briefaudio.storage")
public interface StorageConfig {

    /** {@code auto} (S3 when a bucket is configured, else filesystem), {@code filesystem} or {@code s3}. */
    @WithDefault("auto")
    String provider();

    Filesystem filesystem();

    S3 s3();

    Retention retention();

    interface Filesystem {
        /** Directory holding audio files when the filesystem provider is used. */
        @WithDefault("${user.home}/.local/share/brief-audio/audio")
        Path root();
    }

    interface S3 {
        /** Bucket holding audio objects; setting it selects S3 under {@code auto}. Defaults to {@code AWS_S3_BUCKET}. */
        @WithDefault("${AWS_S3_BUCKET:}")
        Optional<String> bucket();

        /** Answer {@code GET /audio/…} with a 302 to a presigned URL, so S3 or a CDN sends the bytes. */
        @WithDefault("false")
        boolean presignedRedirect();

        /** How long a presigned URL stays valid. */
        @WithDefault("5M")
        Duration presignTtl();
    }

    interface Retention {
        /** Whether the periodic cleanup of unused audio runs in this service. */
        @WithDefault("true")
        boolean enabled();

        /** Assets that no job item referenced and the cache did not reuse for this many days are deleted. */
        @WithDefault("30")
        int days();

        /** How often the cleanup runs (a Quarkus scheduler interval such as {@code 6h}). */
        @WithDefault("6h")
        String every();

        /** Assets deleted per transaction; keeps row locks short when many expire at once. */
        @WithDefault("200")
        int batchSize();
    }
}
