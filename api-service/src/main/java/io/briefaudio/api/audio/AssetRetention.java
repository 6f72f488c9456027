package io.briefaudio.api.audio;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.jobs.JobRetention;
import io.briefaudio.shared.audio.AudioAssets;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.storage.StorageConfig;
import io.briefaudio.shared.storage.StorageException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Deletes audio that no job has used for {@code briefaudio.storage.retention.days}. Safe on every replica
 * at once: rows are claimed with SKIP LOCKED, so each asset is deleted by exactly one of them.
 */
@ApplicationScoped
public class AssetRetention {

    private static final Logger LOG = Logger.getLogger(AssetRetention.class);

    private final AgroalDataSource dataSource;
    private final AudioStorage storage;
    private final StorageConfig.Retention config;
    private final JobRetention records;

    public AssetRetention(AgroalDataSource dataSource, AudioStorage storage, StorageConfig config,
                          JobRetention records) {
        this.dataSource = dataSource;
        this.storage = storage;
        this.config = config.retention();
        this.records = records;
    }

    @Scheduled(identity = "audio-retention", every = "${briefaudio.storage.retention.every:6h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.enabled()) {
            // Old jobs first: the audio only they used then becomes unreferenced and goes in the same run.
            records.purge();
            purge();
        }
    }

    /** Deletes objects whose rows are already gone; one that cannot be deleted is orphaned (logged), never served. */
    public void deleteObjects(List<String> keys) {
        for (String key : keys) {
            try {
                storage.delete(key);
            } catch (StorageException e) {
                LOG.warnf(e, "Asset row deleted but object %s could not be; it is orphaned", key);
            }
        }
    }

    /**
     * Runs the cleanup until nothing is left to delete and returns the storage keys this call deleted.
     * The row goes first, in its own committed transaction, and the object after: from then on no job
     * item points at the asset, so nothing the API hands out can name a missing object. If the object
     * delete fails, the object is merely orphaned (logged), never served.
     */
    public List<String> purge() {
        List<String> deleted = new ArrayList<>();
        List<String> batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    return AudioAssets.deleteUnreferenced(connection, config.days(), config.batchSize());
                }
            });
            deleteObjects(batch);
            deleted.addAll(batch);
        } while (batch.size() == config.batchSize());
        if (!deleted.isEmpty()) {
            LOG.infof("Retention deleted %d audio assets unused for %d days", deleted.size(), config.days());
        }
        return deleted;
    }
}
