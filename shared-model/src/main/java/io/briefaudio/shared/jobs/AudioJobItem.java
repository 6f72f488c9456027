package io.briefaudio.shared.jobs;

import io.briefaudio.shared.audio.AudioAsset;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;
import java.util.List;
import java.util.UUID;

/** The unit a worker claims: one brief item of one job, with its attempt count and lease. */
@Entity
@Table(name = "audio_job_item")
public class AudioJobItem extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "job_id")
    public long jobId;

    @Column(name = "brief_item_id")
    public long briefItemId;

    public int position;

    @Column(name = "state")
    public JobStatus state;

    public int attempt;

    @Column(name = "max_attempts")
    public int maxAttempts;

    @Column(name = "run_at")
    public Instant runAt;

    @Column(name = "lease_owner")
    public String leaseOwner;

    /** Pronunciation warnings of the last narration, one per line (issue 28); null when none. */
    @Column(name = "warnings")
    public String warnings;

    @Column(name = "lease_token")
    public UUID leaseToken;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_error")
    public String lastError;

    /** Every failed attempt as a JSON array, oldest first (the newest 25); written only by workers. */
    @ColumnTransformer(read = "errors::text")
    @Column(name = "errors", insertable = false, updatable = false)
    public String errors;

    /** The quality gate's report of the latest narration as JSON (issue 29); null without one; written only by workers. */
    @ColumnTransformer(read = "quality::text")
    @Column(name = "quality", insertable = false, updatable = false)
    public String quality;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "asset_id")
    public AudioAsset asset;

    @Column(name = "started_at")
    public Instant startedAt;

    /** The engine that completed the item (null until then); written only by workers. */
    @Column(name = "spoken_engine", insertable = false, updatable = false)
    public String spokenEngine;

    /** The worker that completed the item (null until then); written only by workers. */
    @Column(name = "spoken_by", insertable = false, updatable = false)
    public String spokenBy;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public static List<AudioJobItem> listForJob(long jobId) {
        return find("from AudioJobItem i left join fetch i.asset where i.jobId = ?1 order by i.position", jobId).list();
    }
}
