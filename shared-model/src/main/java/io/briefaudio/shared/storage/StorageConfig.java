package io.briefaudio.shared.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

@ConfigMapping(prefix = "briefaudio.storage")
public interface StorageConfig {

    /** {@code auto} (S3 when a bucket is configured, else filesystem), {@code filesystem} or {@code s3}. */
    @WithDefault("auto")
    String provider();

    Filesystem filesystem();

    interface Filesystem {
        /** Directory holding audio files when the filesystem provider is used. */
        @WithDefault("${user.home}/.local/share/brief-audio/audio")
        Path root();
    }
}
