package io.briefaudio.api.retention;

import io.briefaudio.api.audio.AssetRetention;
import io.briefaudio.api.jobs.JobRetention;
import io.briefaudio.shared.storage.StorageConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The periodic cleanup, the one place that orders the deletions: old jobs and briefs first ({@link JobRetention}),
 * then the audio nothing uses any more ({@link AssetRetention}). Neither calls the other.
 */
@ApplicationScoped
public class RetentionTask {

    private final StorageConfig.Retention config;
    private final JobRetention records;
    private final AssetRetention assets;

    public RetentionTask(StorageConfig config, JobRetention records, AssetRetention assets) {
        this.config = config.retention();
        this.records = records;
        this.assets = assets;
    }

    @Scheduled(identity = "audio-retention", every = "${briefaudio.storage.retention.every:6h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.enabled()) {
            // Old jobs first: the audio only they used then becomes unreferenced and goes in the same run.
            records.purge();
            assets.purge();
        }
    }
}
