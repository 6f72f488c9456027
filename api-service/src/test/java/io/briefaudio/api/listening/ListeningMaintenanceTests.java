package io.briefaudio.api.listening;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.api.listening.ListeningFixtures.Job;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** What the hourly maintenance forgets: past days' byte spans and salts; never today's, never the downloads. */
@QuarkusTest
class ListeningMaintenanceTests {

    @Inject
    ListeningFixtures fixtures;
    @Inject
    ListeningMaintenance maintenance;

    @Test
    void shouldForgetOldSpansAndSaltsButKeepTodaysAndEveryDownload() throws Exception {
        Job job = fixtures.completedJob(60, 180);
        String player = "Mozilla/5.0 (Maintenance test)";
        given().header("User-Agent", player).header("Range", "bytes=0-9999").get(job.link(1)).then().statusCode(206);
        given().header("User-Agent", player).get(job.link(0)).then().statusCode(200);
        fixtures.execute("""
                INSERT INTO audio_delivery (job_id, position, day, listener, first_byte, end_byte)
                SELECT job_id, position, day - 2, listener, first_byte, end_byte FROM audio_delivery WHERE job_id = ?""",
                job.jobId());
        fixtures.execute("""
                INSERT INTO listener_salt (day, salt) SELECT day - 5, salt FROM listener_salt
                WHERE day = (SELECT max(day) FROM listener_salt) AND ? > 0 ON CONFLICT DO NOTHING""", job.jobId());

        maintenance.forget();

        assertThat(fixtures.count("SELECT count(*) FROM audio_delivery WHERE job_id = ? AND day < current_date - 1",
                job.jobId())).isZero();
        assertThat(fixtures.count("SELECT count(*) FROM audio_delivery WHERE job_id = ?", job.jobId()))
                .as("today's span of an item not yet downloaded").isOne();
        assertThat(fixtures.count("SELECT count(*) FROM listener_salt WHERE day < current_date - 1 AND ? > 0",
                job.jobId())).isZero();
        assertThat(fixtures.count("SELECT count(*) FROM listener_salt WHERE day >= current_date - 1 AND ? > 0",
                job.jobId())).isOne();
        assertThat(fixtures.downloads(job.jobId(), 0)).isOne();
    }
}
