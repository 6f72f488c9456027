package io.briefaudio.worker.tracing;

import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.storage.StoredObject;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Audio storage whose writes are {@code briefaudio.upload} spans under the current item or episode span. */
final class TracedStorage implements AudioStorage {

    private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("briefaudio.storage.provider");
    private static final AttributeKey<Long> BYTES = AttributeKey.longKey("briefaudio.storage.bytes");
    private static final AttributeKey<String> CONTENT_TYPE = AttributeKey.stringKey("briefaudio.storage.content_type");

    private final AudioStorage storage;
    private final Tracer tracer;

    TracedStorage(AudioStorage storage, Tracer tracer) {
        this.storage = storage;
        this.tracer = tracer;
    }

    @Override
    public String provider() {
        return storage.provider();
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        upload(content.length, contentType, () -> storage.put(key, content, contentType));
    }

    @Override
    public void put(String key, Path file, String contentType) {
        upload(sizeOf(file), contentType, () -> storage.put(key, file, contentType));
    }

    /** The file's size, or -1 when it cannot be read (the write then fails and says why). */
    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private void upload(long bytes, String contentType, Runnable write) {
        var builder = tracer.spanBuilder("briefaudio.upload").setAttribute(PROVIDER, storage.provider())
                .setAttribute(CONTENT_TYPE, contentType);
        if (bytes >= 0) {
            builder.setAttribute(BYTES, bytes);
        }
        Span span = builder.startSpan();
        try {
            write.run();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        return storage.stat(key);
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        return storage.open(key, offset, length);
    }

    @Override
    public void delete(String key) {
        storage.delete(key);
    }

    @Override
    public Optional<URI> presignedUrl(String key, Duration ttl, Optional<String> downloadName) {
        return storage.presignedUrl(key, ttl, downloadName);
    }
}
