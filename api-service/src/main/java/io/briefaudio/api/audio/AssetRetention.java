package io.briefaudio.api.audio;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.shared.audio.AudioAssets;
import io.briefaudio.shared.storage.StorageConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Deletes audio that no job has used for {@code briefaudio.storage.retention.days}. Safe on every replica
 * at once: rows are claimed with SKIP LOCKED, so each asset is deleted by exactly one of them. The periodic
 * run is {@code retention.RetentionTask}'s.
 */
@ApplicationScoped
public class AssetRetention {

    private static final Logger LOG = Logger.getLogger(AssetRetention.class);

    private final AgroalDataSource dataSource;
    private final AssetObjects objects;
    private final StorageConfig.Retention config;

    public AssetRetention(AgroalDataSource dataSource, AssetObjects objects, StorageConfig config) {
        this.dataSource = dataSource;
        this.objects = objects;
        this.config = config.retention();
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
            objects.deleteObjects(batch);
            deleted.addAll(batch);
        } while (batch.size() == config.batchSize());
        if (!deleted.isEmpty()) {
            LOG.infof("Retention deleted %d audio assets unused for %d days", deleted.size(), config.days());
        }
        return deleted;
    }
}
