package io.briefaudio.shared.audio;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored audio file. Assets are content-addressed by {@code cacheKey}, so equal text and voice share one. */
@Entity
@Table(name = "audio_asset")
public class AudioAsset extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "storage_key")
    public String storageKey;

    @Column(name = "cache_key")
    public String cacheKey;

    @Column(name = "content_type")
    public String contentType;

    @Column(name = "size_bytes")
    public long sizeBytes;

    @Column(name = "duration_ms")
    public int durationMs;

    @Column(name = "sample_rate")
    public int sampleRate;

    public String engine;

    @Column(name = "voice_id")
    public String voiceId;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The public URL path under which the api-service serves this asset. */
    public String url() {
        return AudioFileName.urlPath(storageKey);
    }
}
