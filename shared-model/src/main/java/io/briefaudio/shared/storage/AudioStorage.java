package io.briefaudio.shared.storage;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where audio files live. Keys are validated object names (see {@code AudioFileName}); implementations
 * must be safe to call from several threads and several processes at once. Failures to reach storage
 * are {@link StorageException}s; a missing object is {@link NoSuchObjectException} or an empty result.
 */
public interface AudioStorage {

    /** A short name for logs and health output, e.g. {@code filesystem} or {@code s3}. */
    String provider();

    /** Stores the bytes under the key, replacing any earlier object atomically. */
    void put(String key, byte[] content, String contentType);

    /**
     * Stores the file's content under the key, like {@link #put(String, byte[], String)}, streaming it:
     * a long episode is never held in memory whole.
     */
    void put(String key, java.nio.file.Path file, String contentType);

    /** Size and modification time of the object, or empty when there is none. */
    Optional<StoredObject> stat(String key);

    /**
     * Opens the object for reading from {@code offset} for at most {@code length} bytes.
     * The caller closes the stream.
     *
     * @throws NoSuchObjectException when the object does not exist
     */
    InputStream open(String key, long offset, long length);

    /** Deletes the object; deleting a missing object is not an error. */
    void delete(String key);

    /**
     * A short-lived URL from which a client can fetch the object directly, or empty when this
     * provider cannot hand one out (the filesystem).
     *
     * @param downloadName when present, the URL makes the browser save the file under this name
     */
    default Optional<URI> presignedUrl(String key, Duration ttl, Optional<String> downloadName) {
        return Optional.empty();
    }
}
