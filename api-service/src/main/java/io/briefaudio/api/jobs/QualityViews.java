package io.briefaudio.api.jobs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.briefaudio.api.jobs.JobViews.QualityCheck;
import io.briefaudio.api.jobs.JobViews.QualityView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Quality reports as the worker's gate writes them ({@code audio_job_item.quality}, docs/quality.md), for the status:
 * an item's as it is, an episode's as the worst of its items.
 */
public final class QualityViews {

    /** Statuses from best to worst. */
    private static final List<String> ORDER = List.of("ok", "warn", "fail");
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private QualityViews() {
    }

    /** An item's report; null when its audio was made without the gate. */
    public static QualityView item(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            QualityView stored = JSON.readValue(json, QualityView.class);
            return new QualityView(stored.status(), stored.checks() == null ? List.of() : stored.checks(),
                    stored.resynthesized());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable quality report: " + e.getMessage(), e);
        }
    }

    /**
     * The episode's report from its items' (position → report JSON): the worst status, every item's checks with the
     * item's position, and the re-syntheses added up; null when none of its items has a report.
     */
    public static QualityView episode(Map<Integer, String> itemReports) {
        String worst = null;
        List<QualityCheck> checks = new ArrayList<>();
        int resynthesized = 0;
        for (Map.Entry<Integer, String> entry : itemReports.entrySet()) {
            QualityView item = item(entry.getValue());
            if (item == null) {
                continue;
            }
            if (worst == null || ORDER.indexOf(item.status()) > ORDER.indexOf(worst)) {
                worst = item.status();
            }
            for (QualityCheck c : item.checks()) {
                checks.add(new QualityCheck(c.name(), c.value(), c.limit(), c.sentence(), entry.getKey()));
            }
            resynthesized += item.resynthesized();
        }
        return worst == null ? null : new QualityView(worst, checks, resynthesized);
    }
}
