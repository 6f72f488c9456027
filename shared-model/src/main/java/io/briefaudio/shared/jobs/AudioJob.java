package io.briefaudio.shared.jobs;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One request to narrate a whole brief with one voice. Read through Panache; every state change is a
 * guarded SQL statement (api-service {@code JobService}, tts-worker {@code ItemQueue}).
 */
@Entity
@Table(name = "audio_job")
public class AudioJob extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "brief_id")
    public long briefId;

    @Column(name = "voice_id")
    public String voiceId;

    /** Audio format of the job's items: wav, mp3, opus or m4a. */
    public String format;

    /** The engine that speaks the job ({@link Engine#id()}), fixed at enqueue. */
    public String engine;

    public JobStatus status;

    public int progress;

    @Column(name = "total_items")
    public int totalItems;

    @Column(name = "completed_items")
    public int completedItems;

    @Column(name = "failed_items")
    public int failedItems;

    @Column(name = "error_message")
    public String errorMessage;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
