package io.briefaudio.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two packaged api-service processes on one database with auth on: a key's limit holds across both
 * (concurrent generate calls admit exactly the limit), and a revocation on one is effective on the other.
 */
class ApiReplicasAccessIT {

    private static final String OPERATOR = "ba-e2e-operator-bootstrap-key";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = new RunningSystem("briefaudio_e2e_replicas", 2, false,
                Map.of("BRIEFAUDIO_AUTH_ENABLED", "true", "BRIEFAUDIO_AUTH_BOOTSTRAP_KEY", OPERATOR));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    private static HttpResponse<String> call(String url, String method, String key, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    private static String createKey(String tenant, int perMinute) throws Exception {
        var created = call(system.apiUrls.get(0) + "/api/keys", "POST", OPERATOR, """
                {"name": "replicas", "scopes": ["read", "generate"], "tenant": "%s",
                 "limits": {"generate_per_minute": %d}}""".formatted(tenant, perMinute));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return field(created.body(), "key");
    }

    @Test
    void shouldAdmitExactlyTheLimitAcrossTwoReplicas() throws Exception {
        int limit = 6;
        int calls = 20;
        String key = createKey("replicas", limit);
        List<Long> briefs = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            var brief = call(system.apiUrls.get(i % 2) + "/api/briefs", "POST", key,
                    "{\"title\": \"b\", \"items\": [{\"text\": \"Replica brief " + i + ".\"}]}");
            assertThat(brief.statusCode()).as(brief.body()).isEqualTo(201);
            briefs.add(Long.parseLong(field(brief.body(), "id")));
        }
        int second = LocalTime.now(ZoneOffset.UTC).getSecond();
        if (second > 40) { // one fixed window for every call
            Thread.sleep((61 - second) * 1000L);
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String url = system.apiUrls.get(i % 2) + "/api/brief/" + briefs.get(i) + "/audio/generate";
                statuses.add(pool.submit(() -> call(url, "POST", key, null).statusCode()));
            }
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get());
            }
            assertThat(answered.stream().filter(s -> s == 202).count()).as(answered.toString()).isEqualTo(limit);
            assertThat(answered.stream().filter(s -> s == 429).count()).as(answered.toString()).isEqualTo(calls - limit);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRevokeAKeyOnEveryReplicaAtOnce() throws Exception {
        String key = createKey("revocation", 30);
        assertThat(call(system.apiUrls.get(1) + "/api/briefs", "GET", key, null).statusCode()).isEqualTo(200);
        String id = key.split("_")[1];
        assertThat(call(system.apiUrls.get(0) + "/api/keys/" + id, "DELETE", OPERATOR, null).statusCode()).isEqualTo(204);
        var refused = call(system.apiUrls.get(1) + "/api/briefs", "GET", key, null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }
}
