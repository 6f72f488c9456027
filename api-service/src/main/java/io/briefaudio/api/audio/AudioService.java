package io.briefaudio.api.audio;

import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import io.briefaudio.shared.audio.AudioFileName;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.storage.NoSuchObjectException;
import io.briefaudio.shared.storage.StorageConfig;
import io.briefaudio.shared.storage.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/** Finds and opens stored audio; knows nothing of HTTP headers (downloads are counted by listening/DownloadCounter). */
@ApplicationScoped
public class AudioService {

    private final AudioStorage storage;
    private final StorageConfig config;

    public AudioService(AudioStorage storage, StorageConfig config) {
        this.storage = storage;
        this.config = config;
    }

    /**
     * The stored object behind a public file name. The name is checked against the exact pattern before
     * storage is asked anything, so traversal and other odd names never reach a path or a bucket key.
     */
    public StoredObject find(String fileName) {
        if (!AudioFileName.isValid(fileName)) {
            throw new ApiProblem(ProblemType.VALIDATION, "Not an audio file name; expected "
                    + "brief_{brief_id}_{item|episode|title}_{id}_{yyyyMMdd}_{HHmmss}_{hash}.{wav|mp3|opus|m4a}");
        }
        return storage.stat(fileName).orElseThrow(() -> ApiProblem.notFound("Audio file", fileName));
    }

    /** Opens the bytes; the object may have been deleted since {@link #find}, which is still a 404. */
    public InputStream open(StoredObject object, long offset, long length) {
        try {
            return storage.open(object.key(), offset, length);
        } catch (NoSuchObjectException e) {
            throw ApiProblem.notFound("Audio file", object.key());
        }
    }

    /** A presigned URL to send the client to, when the provider offers one and redirects are enabled. */
    public Optional<URI> redirectFor(StoredObject object, boolean download) {
        if (!config.s3().presignedRedirect()) {
            return Optional.empty();
        }
        Optional<String> name = download ? Optional.of(AudioFileName.downloadName(object.key())) : Optional.empty();
        return storage.presignedUrl(object.key(), config.s3().presignTtl(), name);
    }
}
