package io.briefaudio.worker.jobs;

import io.briefaudio.worker.tts.quality.QualityReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where quality reports are kept: on the asset, so that every item reusing cached audio shows the report it was made
 * with, and on the item, for its status (columns {@code quality}, V20).
 */
final class QualityRecords {

    private QualityRecords() {
    }

    /** The report the asset was made with; empty when it was made without the gate. */
    static Optional<QualityReport> ofAsset(DataSource dataSource, long assetId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT quality::text FROM audio_asset WHERE id = ?")) {
            s.setLong(1, assetId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? Optional.of(QualityReport.fromJson(rs.getString(1)))
                        : Optional.empty();
            }
        }
    }

    /** Records the report of newly stored audio; the first writer wins, as the asset row itself does. */
    static void onAsset(Connection c, long assetId, QualityReport report) throws SQLException {
        if (report == null) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE audio_asset SET quality = ?::jsonb WHERE id = ? AND quality IS NULL")) {
            s.setString(1, report.toJson());
            s.setLong(2, assetId);
            s.executeUpdate();
        }
    }

    /** The item's report for its status, while this replica still holds the lease; null clears an older one. */
    static void onItem(DataSource dataSource, ClaimedItem item, QualityReport report) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE audio_job_item SET quality = ?::jsonb WHERE id = ? AND lease_token = ?")) {
            s.setString(1, report == null ? null : report.toJson());
            s.setLong(2, item.itemId());
            s.setObject(3, item.leaseToken());
            s.executeUpdate();
        }
    }
}
