package io.briefaudio.shared.storage;

import java.util.Locale;

/** The storage providers and the rule that picks one, kept apart from CDI so the rule is easy to test. */
public enum StorageProvider {
    FILESYSTEM,
    S3;

    /**
     * The original design's priority: S3 when a bucket is configured, otherwise the filesystem;
     * an explicit {@code briefaudio.storage.provider} wins. (The original's Replit object storage is
     * platform-specific and not offered.)
     */
    public static StorageProvider choose(String configured, boolean bucketConfigured) {
        return switch (configured.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> bucketConfigured ? S3 : FILESYSTEM;
            case "filesystem" -> FILESYSTEM;
            case "s3" -> {
                if (!bucketConfigured) {
                    throw new IllegalStateException("briefaudio.storage.provider=s3 needs a bucket: "
                            + "set AWS_S3_BUCKET or briefaudio.storage.s3.bucket");
                }
                yield S3;
            }
            default -> throw new IllegalStateException("briefaudio.storage.provider=" + configured
                    + " is not supported; use auto, filesystem or s3");
        };
    }
}
