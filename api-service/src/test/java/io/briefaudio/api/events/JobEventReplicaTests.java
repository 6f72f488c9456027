package io.briefaudio.api.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.Briefs;
import io.briefaudio.api.Eventually;
import io.briefaudio.api.events.PgNotificationListener.Notification;
import io.briefaudio.api.events.SseClient.Received;
import io.briefaudio.shared.jobs.PgListener;
import io.briefaudio.shared.testing.PostgresDatabases;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A second API replica (its own LISTEN connection and hub) serves its own subscribers the same events. */
@QuarkusTest
class JobEventReplicaTests {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    JobEventStore store;

    @Inject
    EventsConfig config;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @TestHTTPResource("/")
    URI base;

    @Test
    void shouldDeliverTheSameEventsToSubscribersOfTwoReplicas() throws Exception {
        JobEventHub replica = new JobEventHub(store, config, vertx);
        PgListener listen = new PgListener(jdbcUrl, PostgresDatabases.USER, PostgresDatabases.PASSWORD, "replica-test",
                List.of(PgNotificationListener.JOB_EVENTS), new PgListener.Handler() {
                    @Override
                    public void connected() {
                        replica.onNotification(new Notification(Notification.CONNECTED, null));
                    }

                    @Override
                    public void notified(String channel, String payload) {
                        replica.onNotification(new Notification(channel, payload));
                    }
                });
        Thread thread = new Thread(listen, "replica-listen");
        thread.start();
        try {
            long brief = Briefs.create(2);
            long job = given().post("/api/brief/" + brief + "/audio/generate").then().statusCode(202)
                    .extract().jsonPath().getLong("job_id");
            List<JobEvent> onReplica = new CopyOnWriteArrayList<>();
            replica.subscribe(job, null).subscribe().with(onReplica::add);
            Eventually.until(Duration.ofSeconds(30), () -> !onReplica.isEmpty());

            try (SseClient onThisInstance = new SseClient(base.resolve("/api/brief/audio/job/" + job + "/events"), null)) {
                assertThat(onThisInstance.next(Duration.ofSeconds(10)).id()).isEqualTo("0");
                WorkerMoves worker = new WorkerMoves(dataSource);
                worker.start(job);
                worker.complete(job, 1);
                worker.complete(job, 2);
                List<String> here = new java.util.ArrayList<>();
                for (Received r = onThisInstance.next(Duration.ofSeconds(10)); r != Received.END;
                     r = onThisInstance.next(Duration.ofSeconds(10))) {
                    here.add(r.id() + ":" + r.event());
                }
                Eventually.until(Duration.ofSeconds(10), () -> onReplica.stream().anyMatch(JobEvent::isFinal));
                List<String> there = onReplica.stream().filter(e -> !e.isHeartbeat() && e.id() > 0)
                        .map(e -> e.id() + ":" + e.type()).toList();

                assertThat(here).containsExactly("1:progress", "2:item", "3:progress", "4:item", "5:completed");
                assertThat(there).isEqualTo(here);
                // the hub emits the final event, then completes the stream, which unsubscribes: wait for the second
                Eventually.until(Duration.ofSeconds(10), () -> replica.subscriberCount() == 0);
            }
        } finally {
            listen.stop();
            thread.join(5000);
        }
    }
}
