package io.briefaudio.shared.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StorageProviderTest {

    @ParameterizedTest(name = "provider={0}, bucket set={1} -> {2}")
    @CsvSource({
            "auto,       true,  S3",
            "auto,       false, FILESYSTEM",
            "filesystem, true,  FILESYSTEM",
            "filesystem, false, FILESYSTEM",
            "s3,         true,  S3",
            "S3,         true,  S3",
    })
    void shouldPreferS3WhenABucketIsConfiguredUnlessOverridden(String configured, boolean bucket, StorageProvider expected) {
        assertEquals(expected, StorageProvider.choose(configured, bucket));
    }

    @ParameterizedTest
    @CsvSource({"s3, false", "replit, true", "gcs, false"})
    void shouldRefuseToStartWithAProviderItCannotUse(String configured, boolean bucket) {
        assertThrows(IllegalStateException.class, () -> StorageProvider.choose(configured, bucket));
    }
}
