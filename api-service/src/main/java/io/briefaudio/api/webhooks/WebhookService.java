package io.briefaudio.api.webhooks;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.access.Caller;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ApiProblem.FieldError;
import io.briefaudio.api.problems.ProblemType;
import io.briefaudio.api.webhooks.WebhookViews.AttemptView;
import io.briefaudio.api.webhooks.WebhookViews.CreateWebhookRequest;
import io.briefaudio.api.webhooks.WebhookViews.CreatedWebhook;
import io.briefaudio.api.webhooks.WebhookViews.DeliveryView;
import io.briefaudio.api.webhooks.WebhookViews.WebhookView;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Registers, lists and removes webhooks, and reports their recent deliveries. */
@ApplicationScoped
public class WebhookService {

    public static final List<String> EVENT_TYPES = List.of("job.completed", "job.failed", "item.completed",
            "episode.completed", "episode.failed");
    private static final int RECENT_DELIVERIES = 50;

    private final AgroalDataSource dataSource;
    private final WebhooksConfig config;
    private final Caller caller;

    public WebhookService(AgroalDataSource dataSource, WebhooksConfig config, Caller caller) {
        this.dataSource = dataSource;
        this.config = config;
        this.caller = caller;
    }

    public CreatedWebhook create(CreateWebhookRequest request) {
        URI url = validUrl(request == null ? null : request.url());
        List<String> events = validEvents(request.events());
        TargetGuard.refusal(url, config.allowPrivateTargets()).ifPresent(why -> {
            throw new ApiProblem(ProblemType.WEBHOOK_TARGET_REFUSED, "Webhook target refused: " + why,
                    Map.of("errors", List.of(new FieldError("url", why))));
        });
        String secret = WebhookSigner.newSecret();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO webhook (url, events, secret, tenant_id) VALUES (?, ?, ?, ?) RETURNING id, created_at")) {
            s.setString(1, url.toString());
            s.setArray(2, c.createArrayOf("text", events.toArray()));
            s.setString(3, secret);
            s.setLong(4, caller.tenantId());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new CreatedWebhook(rs.getLong(1), url.toString(), events, secret, instant(rs, 2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store webhook", e);
        }
    }

    public List<WebhookView> list() {
        return query("SELECT id, url, events, created_at FROM webhook WHERE tenant_id = ? ORDER BY id", null);
    }

    public WebhookView find(long id) {
        return query("SELECT id, url, events, created_at FROM webhook WHERE tenant_id = ? AND id = ?", id).stream().findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Webhook", id));
    }

    public void delete(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM webhook WHERE id = ? AND tenant_id = ?")) {
            s.setLong(1, id);
            s.setLong(2, caller.tenantId());
            if (s.executeUpdate() == 0) {
                throw ApiProblem.notFound("Webhook", id);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete webhook " + id, e);
        }
    }

    /** The webhook's most recent messages with every attempt, newest first. */
    public List<DeliveryView> deliveries(long webhookId) {
        find(webhookId);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                WITH recent AS (
                    SELECT * FROM webhook_delivery WHERE webhook_id = ? ORDER BY id DESC LIMIT ?)
                SELECT r.id, r.message_id, r.event_type, r.job_id, r.state, r.attempt, r.last_status_code, r.last_error,
                    CASE WHEN r.state = 'pending' THEN r.next_attempt_at END AS next_retry_at, r.created_at, r.delivered_at,
                    a.attempt AS a_attempt, a.response_code, a.error, a.duration_ms, a.attempted_at
                FROM recent r LEFT JOIN webhook_attempt a ON a.delivery_id = r.id
                ORDER BY r.id DESC, a.attempt, a.id""")) {
            s.setLong(1, webhookId);
            s.setInt(2, RECENT_DELIVERIES);
            Map<Long, List<AttemptView>> attempts = new HashMap<>();
            List<DeliveryView> deliveries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong("id");
                    List<AttemptView> log = attempts.computeIfAbsent(id, key -> {
                        List<AttemptView> fresh = new ArrayList<>();
                        try {
                            deliveries.add(new DeliveryView(id, rs.getString("message_id"), rs.getString("event_type"),
                                    rs.getLong("job_id"), rs.getString("state"), rs.getInt("attempt"),
                                    integer(rs, "last_status_code"), rs.getString("last_error"),
                                    instant(rs, "next_retry_at"), instant(rs, "created_at"),
                                    instant(rs, "delivered_at"), fresh));
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                        return fresh;
                    });
                    if (rs.getTimestamp("attempted_at") != null) {
                        log.add(new AttemptView(rs.getInt("a_attempt"), integer(rs, "response_code"),
                                rs.getString("error"), rs.getInt("duration_ms"), instant(rs, "attempted_at")));
                    }
                }
            }
            return deliveries;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read deliveries of webhook " + webhookId, e);
        }
    }

    private List<WebhookView> query(String sql, Long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            // Every webhook query is scoped by the caller's tenant: another tenant's id reads as unknown.
            s.setLong(1, caller.tenantId());
            if (id != null) {
                s.setLong(2, id);
            }
            List<WebhookView> hooks = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    hooks.add(new WebhookView(rs.getLong(1), rs.getString(2),
                            Arrays.asList((String[]) rs.getArray(3).getArray()), instant(rs, 4)));
                }
            }
            return hooks;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read webhooks", e);
        }
    }

    private static URI validUrl(String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            throw ApiProblem.invalid("url is required (at most 2000 characters)",
                    List.of(new FieldError("url", "must be an http or https URL")));
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new URISyntaxException(url, "not an absolute http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ApiProblem.invalid("url must be an absolute http or https URL",
                    List.of(new FieldError("url", "must be an http or https URL")));
        }
    }

    private static List<String> validEvents(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw ApiProblem.invalid("events must name at least one of " + EVENT_TYPES,
                    List.of(new FieldError("events", "must not be empty")));
        }
        for (int i = 0; i < events.size(); i++) {
            if (!EVENT_TYPES.contains(events.get(i))) {
                throw ApiProblem.invalid("Unknown event '" + events.get(i) + "'; valid: " + String.join(", ", EVENT_TYPES),
                        List.of(new FieldError("events[" + i + "]", "must be one of " + EVENT_TYPES)));
            }
        }
        return List.copyOf(new LinkedHashSet<>(events));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
