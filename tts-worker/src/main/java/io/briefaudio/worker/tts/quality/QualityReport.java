package io.briefaudio.worker.tts.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the gate found in one narration: {@code status} ok, warn (kept audio fails a check, the item completes) or
 * fail (the item fails), the checks the kept audio fails, and how many sentence re-syntheses were run. {@code tallies}
 * count, per check, the sentences by {@link Outcome}: what the worker's {@code briefaudio_worker_quality_total}
 * adds up (empty for a report read back from cached audio, which was counted when it was made).
 */
public record QualityReport(Status status, List<Finding> checks, int resynthesized,
                            Map<Check, Map<Outcome, Integer>> tallies) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Status {
        OK, WARN, FAIL;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A sentence's fate in one check: passed at once, fixed by a re-synthesis, or still failing in the kept take
     * (warn or fail, by the policy).
     */
    public enum Outcome {
        PASS, FIXED, WARN, FAIL;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public QualityReport {
        checks = List.copyOf(checks);
        tallies = Map.copyOf(tallies);
    }

    /** As the job status shows it (and the database keeps it): {@code {"status", "checks", "resynthesized"}}. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode().put("status", status.wireName());
        ArrayNode list = root.putArray("checks");
        for (Finding f : checks) {
            list.addObject().put("name", f.check().wireName()).put("value", f.value()).put("limit", f.limit())
                    .put("sentence", f.sentence());
        }
        root.put("resynthesized", resynthesized);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A report as {@link #toJson()} wrote it, without tallies. */
    public static QualityReport fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<Finding> checks = new ArrayList<>();
            for (JsonNode c : root.path("checks")) {
                checks.add(new Finding(Check.valueOf(c.path("name").asText().toUpperCase(Locale.ROOT)),
                        c.path("value").asDouble(), c.path("limit").asDouble(), c.path("sentence").asInt()));
            }
            return new QualityReport(Status.valueOf(root.path("status").asText().toUpperCase(Locale.ROOT)), checks,
                    root.path("resynthesized").asInt(), Map.of());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("unreadable quality report: " + json, e);
        }
    }

    /** The reason in one line, for logs and errors: "code_cap 602 ≥ 602 in sentence 1; …". */
    public String summary() {
        StringBuilder out = new StringBuilder();
        for (Finding f : checks) {
            out.append(out.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s %s (limit %s) in sentence %d",
                    f.check().wireName(), number(f.value()), number(f.limit()), f.sentence()));
        }
        return out.toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
