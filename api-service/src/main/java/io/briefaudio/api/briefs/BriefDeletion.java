package io.briefaudio.api.briefs;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.audio.AssetObjects;
import io.briefaudio.shared.audio.AudioAssets;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Deletes a brief with its items, jobs, job items and the audio no other brief uses (the content cache
 * shares one asset among equal texts). Rows go first, in one committed transaction; objects after, as
 * asset retention does: a crash in between orphans an object, never leaves a row naming a missing one.
 */
@ApplicationScoped
public class BriefDeletion {

    private static final Logger LOG = Logger.getLogger(BriefDeletion.class);
    private static final String DEADLOCK = "40P01";
    private static final int ATTEMPTS = 3;

    private final AgroalDataSource dataSource;
    private final AssetObjects objects;

    public BriefDeletion(AgroalDataSource dataSource, AssetObjects objects) {
        this.dataSource = dataSource;
        this.objects = objects;
    }

    /** Returns false when there is no such brief. */
    public boolean delete(long briefId) {
        Optional<List<String>> keys = Optional.empty();
        for (int attempt = 1; ; attempt++) {
            try {
                keys = QuarkusTransaction.requiringNew().call(() -> deleteRows(briefId));
                break;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
                LOG.debugf("Deleting brief %d met a deadlock; attempt %d", briefId, attempt + 1);
            }
        }
        if (keys.isEmpty()) {
            return false;
        }
        objects.deleteObjects(keys.get());
        LOG.infof("Deleted brief %d and %d audio objects", briefId, keys.get().size());
        return true;
    }

    /**
     * Deleting the brief cascades to its items, jobs and job items; that is how its unfinished jobs are
     * cancelled too: a worker holding one of their items finds its guarded completion matches no row.
     */
    private Optional<List<String>> deleteRows(long briefId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Long> assets = AudioAssets.usedByBrief(c, briefId);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM brief WHERE id = ?")) {
                s.setLong(1, briefId);
                if (s.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return Optional.of(AudioAssets.deleteIfUnreferenced(c, assets));
        }
    }

    private static boolean isDeadlock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && DEADLOCK.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
