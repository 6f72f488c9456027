package io.briefaudio.api.briefs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.Briefs;
import io.briefaudio.api.audio.AudioFixtures;
import io.briefaudio.api.episodes.EpisodeFixtures;
import io.briefaudio.api.jobs.JobRetention;
import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.shared.storage.AudioStorage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BriefDeletionTests {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AudioFixtures audio;

    @Inject
    AudioStorage storage;

    @Inject
    JobRetention retention;

    @Inject
    EpisodeFixtures episodes;

    @Test
    void shouldDeleteBriefWithItsJobsAndTheAudioNoOtherBriefUses() throws Exception {
        long brief = Briefs.create(2);
        long other = Briefs.create(1);
        long job = generate(brief);
        long otherJob = generate(other);
        String own = audio.store(100).name();
        String shared = audio.store(100).name();
        complete(job, 1, own);
        complete(job, 2, shared);
        complete(otherJob, 1, shared); // the content cache gave both briefs the same asset

        given().delete("/api/briefs/" + brief).then().statusCode(204);

        given().get("/api/briefs/" + brief).then().statusCode(404);
        given().get("/api/brief/audio/job/" + job + "/status").then().statusCode(404);
        assertThat(count("SELECT count(*) FROM audio_job_item WHERE job_id = " + job)).isZero();
        assertThat(count("SELECT count(*) FROM brief_item WHERE brief_id = " + brief)).isZero();
        assertThat(count("SELECT count(*) FROM audio_asset WHERE storage_key = '" + own + "'")).isZero();
        assertThat(storage.stat(own)).as("the brief's own audio object").isEmpty();
        assertThat(count("SELECT count(*) FROM audio_asset WHERE storage_key = '" + shared + "'")).isEqualTo(1);
        assertThat(storage.stat(shared)).as("audio another brief still uses").isPresent();
        given().get("/api/briefs/" + other).then().statusCode(200);
    }

    @Test
    void shouldDeleteTheEpisodeAudioWithItsBrief() throws Exception {
        var stored = episodes.completedJob("Deleted with its episode", AudioFormat.OPUS);
        assertThat(storage.stat(stored.episodeKey())).isPresent();

        given().delete("/api/briefs/" + stored.briefId()).then().statusCode(204);

        assertThat(count("SELECT count(*) FROM audio_episode WHERE job_id = " + stored.jobId())).isZero();
        assertThat(count("SELECT count(*) FROM audio_asset WHERE storage_key = '" + stored.episodeKey() + "'")).isZero();
        assertThat(storage.stat(stored.episodeKey())).as("the episode's audio object").isEmpty();
    }

    @Test
    void shouldDeleteBriefWhileItsJobIsUnfinished() throws Exception {
        long brief = Briefs.create(3);
        long job = generate(brief);
        execute("UPDATE audio_job_item SET state = 'processing', lease_owner = 'w', lease_token = gen_random_uuid(), "
                + "lease_until = now() + interval '1 minute', attempt = 1 WHERE job_id = " + job + " AND position = 1");

        given().delete("/api/briefs/" + brief).then().statusCode(204);

        assertThat(count("SELECT count(*) FROM audio_job WHERE id = " + job)).isZero();
        // The worker's guarded completion now matches no row: its result is discarded as for a cancelled job.
        assertThat(count("SELECT count(*) FROM audio_job_item WHERE job_id = " + job + " AND state = 'processing'")).isZero();
    }

    @Test
    void shouldAnswer404ForAMissingBrief() {
        given().delete("/api/briefs/987654321").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldDeleteFinishedJobsOlderThanTheRetentionButKeepBriefs() throws Exception {
        long brief = Briefs.create(1);
        long old = generate(brief);
        finish(old, 91);
        long recent = generate(brief);
        finish(recent, 89);
        long oldBrief = Briefs.create(1);
        long unfinished = generate(oldBrief);
        execute("UPDATE audio_job SET created_at = now() - interval '200 days', updated_at = now() - interval '200 days' "
                + "WHERE id = " + unfinished);

        retention.purge();

        assertThat(count("SELECT count(*) FROM audio_job WHERE id = " + old)).isZero();
        assertThat(count("SELECT count(*) FROM audio_job_item WHERE job_id = " + old)).isZero();
        assertThat(count("SELECT count(*) FROM audio_job WHERE id = " + recent)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audio_job WHERE id = " + unfinished)).as("unfinished jobs stay").isEqualTo(1);
        given().get("/api/briefs/" + brief).then().statusCode(200);
    }

    private static long generate(long brief) {
        return given().contentType(ContentType.JSON).body("{}").post("/api/brief/" + brief + "/audio/generate")
                .then().statusCode(202).extract().jsonPath().getLong("job_id");
    }

    private void complete(long job, int position, String storageKey) throws Exception {
        execute("UPDATE audio_job_item SET state = 'completed', finished_at = now(), attempt = 1, "
                + "asset_id = (SELECT id FROM audio_asset WHERE storage_key = '" + storageKey + "') "
                + "WHERE job_id = " + job + " AND position = " + position);
    }

    private void finish(long job, int daysAgo) throws Exception {
        execute("UPDATE audio_job_item SET state = 'completed', finished_at = now() WHERE job_id = " + job);
        execute("UPDATE audio_job SET status = 'completed', completed_items = total_items, progress = 100, "
                + "completed_at = now() - interval '" + daysAgo + " days' WHERE id = " + job);
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.executeUpdate();
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
