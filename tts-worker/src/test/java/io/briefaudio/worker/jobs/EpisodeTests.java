package io.briefaudio.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.briefaudio.shared.testing.Ffprobe;
import io.briefaudio.shared.testing.Ffprobe.Probe;
import io.briefaudio.shared.testing.Ffprobe.ProbedChapter;
import io.briefaudio.shared.transcripts.Cue;
import io.briefaudio.worker.episodes.EpisodeAssembler.Pauses;
import io.briefaudio.worker.jobs.EpisodeQueue.ClaimedEpisode;
import io.briefaudio.worker.jobs.ItemQueue.Outcome;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.espeak.EspeakEngine;
import io.quarkus.test.junit.QuarkusTest;
import io.briefaudio.shared.audio.codec.FfmpegCodec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class EpisodeTests extends QueuedWorkTestBase {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Backoff FAST_BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200));
    private static final String NEWS = "Stocks rose two percent on Tuesday, led by technology shares. "
            + "Analysts expect the rally to continue into the weekend.";

    @ParameterizedTest
    @ValueSource(strings = {"mp3", "opus", "m4a"})
    void shouldAssembleOneEpisodeWithAChapterPerItem(String format) throws Exception {
        long job = fixtures.queueJob(3, NEWS, 3, format, true);
        harness.start("episodes", new Narrator(new EspeakEngine("espeak-ng", Duration.ofSeconds(30))), 2, LEASE,
                FAST_BACKOFF, true);

        Map<String, Object> episode = awaitEpisode(job, "completed");

        byte[] audio = read((String) episode.get("storage_key"));
        assertThat((long) audio.length).isEqualTo(episode.get("size_bytes"));
        Probe probe = Ffprobe.probe(audio);
        assertThat(probe.codec()).isEqualTo(switch (format) {
            case "mp3" -> "mp3";
            case "opus" -> "opus";
            default -> "aac";
        });
        assertThat(probe.sampleRate()).isEqualTo(format.equals("opus") ? 48_000 : 22_050);
        assertThat(probe.channels()).isEqualTo(1);

        JsonNode chapters = new ObjectMapper().readTree((String) episode.get("chapters"));
        assertThat(probe.chapters()).extracting(ProbedChapter::title)
                .containsExactly("Morning brief", "Story 1", "Story 2", "Story 3");
        for (int i = 0; i < chapters.size(); i++) {
            assertThat(chapters.get(i).get("title").asText()).isEqualTo(probe.chapters().get(i).title());
            assertThat(probe.chapters().get(i).startMillis())
                    .isCloseTo(chapters.get(i).get("start_ms").asLong(), within(2L));
        }
        assertThat(chapters.get(0).get("start_ms").asLong()).isZero();

        // Captions: every sentence of the opening, each title and each item, where it is heard in the episode.
        List<Cue> cues = Cue.listFromJson((String) episode.get("transcript"));
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i).startMillis()).as("cue %d after cue %d", i, i - 1)
                    .isGreaterThanOrEqualTo(cues.get(i - 1).endMillis());
        }
        assertThat(cues.get(0).text()).isEqualTo("Morning brief.");
        assertThat(cues.get(0).startMillis()).isLessThan(100);
        for (int position = 1; position <= 3; position++) {
            long chapter = chapters.get(position).get("start_ms").asLong();
            String story = "Story " + position;
            int title = cues.stream().map(Cue::text).toList().indexOf(story);
            assertThat(cues.get(title).startMillis()).as("the title starts its chapter").isBetween(chapter, chapter + 100);
            Cue first = cues.get(title + 1);
            assertThat(first.text()).isEqualTo("Stocks rose two percent on Tuesday, led by technology shares.");
            assertThat(first.startMillis()).as("the item follows its title and the pause after it")
                    .isCloseTo(cues.get(title).endMillis() + Pauses.DEFAULTS.afterTitle().toMillis(), within(120L));
            assertThat(cues.get(title + 2).text()).startsWith("Analysts expect the rally").endsWith("item " + position);
        }
        assertThat(cues.get(cues.size() - 1).endMillis()).isLessThanOrEqualTo(((Number) episode.get("duration_ms")).longValue());

        // The episode is the opening, each title and each item's audio, and the pauses between them.
        double parts = 0;
        for (int position = 1; position <= 3; position++) {
            parts += Ffprobe.probe(read(itemKey(job, position))).durationSeconds();
        }
        parts += fixtures.count("SELECT sum(duration_ms) FROM audio_asset WHERE storage_key LIKE '%\\_title\\_%'") / 1000.0;
        Pauses pauses = Pauses.DEFAULTS;
        parts += (pauses.afterOpening().toMillis() + 3 * (pauses.afterTitle().toMillis() + pauses.betweenItems().toMillis()))
                / 1000.0;
        assertThat(probe.durationSeconds()).isCloseTo(parts, within(parts * 0.02));
        assertThat(((Number) episode.get("duration_ms")).doubleValue() / 1000).isCloseTo(parts, within(parts * 0.02));
        // Chapter n + 1 starts after the opening, the titles and the items before it.
        assertThat(probe.chapters().get(2).startMillis() - probe.chapters().get(1).startMillis())
                .isGreaterThan((long) (Ffprobe.probe(read(itemKey(job, 1))).durationSeconds() * 1000));

        Ffprobe.Loudness loudness = Ffprobe.loudness(audio);
        System.out.printf("%s episode: %.2f s, %.1f LUFS, true peak %.1f dBTP, %d bytes%n", format,
                probe.durationSeconds(), loudness.integratedLufs(), loudness.truePeakDbtp(), audio.length);
        assertThat(loudness.integratedLufs()).isCloseTo(-16.0, within(1.0));
        assertThat(loudness.truePeakDbtp()).isLessThanOrEqualTo(-1.5);
        Ffprobe.Loudness item = Ffprobe.loudness(read(itemKey(job, 1)));
        assertThat(item.integratedLufs()).isCloseTo(-16.0, within(1.0));
        assertThat(item.truePeakDbtp()).isLessThanOrEqualTo(-1.5);
        assertThat(fixtures.count("SELECT count(*) FROM audio_episode")).isEqualTo(1);
    }

    @Test
    void shouldNarrateItemsWhileAnEpisodeIsBeingAssembled(@TempDir Path dir) throws Exception {
        // FFmpeg that takes 4 s a call: the episode of the first job takes a while, its items (WAV) need no FFmpeg.
        Path slowFfmpeg = dir.resolve("slow-ffmpeg");
        Files.writeString(slowFfmpeg, "#!/bin/sh\nsleep 4\nexec ffmpeg \"$@\"\n");
        Files.setPosixFilePermissions(slowFfmpeg, PosixFilePermissions.fromString("rwxr-xr-x"));
        long first = fixtures.queueJob(1, "Tone", 1, "wav", true);
        harness.start("one-slot", new Narrator(new ToneEngine()), 1, LEASE, FAST_BACKOFF,
                new FfmpegCodec(slowFfmpeg.toString(), Duration.ofMinutes(1)));
        awaitCount("SELECT count(*) FROM audio_episode WHERE state = 'processing' AND job_id = " + first, 1);

        long second = fixtures.queueJob(1, "Tone", 1, "wav", true);
        awaitCount("SELECT count(*) FROM audio_job WHERE status = 'completed' AND id = " + second, 1);

        // The one item slot was free: the second job finished while the first one's episode was still being made.
        assertThat(fixtures.episode(first)).containsEntry("state", "processing");
        awaitEpisode(first, "completed");
    }

    @Test
    void shouldLeaveFailedItemsOutOfTheEpisode() throws Exception {
        long job = fixtures.queueJob(3, "Tone", 1, "mp3", true);
        ToneEngine engine = new ToneEngine().behave((text, call) -> {
            if (text.contains("item two")) { // the prepared text: numbers spelled out
                throw new SynthesisException("scripted failure", true);
            }
        });
        harness.start("episodes-partial", new Narrator(engine), 2, LEASE, FAST_BACKOFF, true);

        Map<String, Object> episode = awaitEpisode(job, "completed");

        assertThat(fixtures.job(job)).containsEntry("status", "failed").containsEntry("failed_items", 1);
        assertThat(Ffprobe.probe(read((String) episode.get("storage_key"))).chapters())
                .extracting(ProbedChapter::title).containsExactly("Morning brief", "Story 1", "Story 3");
        assertThat(engine.calls.keySet()).as("a failed item's title is not spoken").noneMatch(text -> text.contains("Story two"));
    }

    @Test
    void shouldNotQueueAnEpisodeWhenNoItemCompleted() throws Exception {
        long job = fixtures.queueJob(2, "Tone", 1, "mp3", true);
        harness.start("episodes-none", new Narrator(new ToneEngine().behave((text, call) -> {
            throw new SynthesisException("scripted failure", true);
        })), 2, LEASE, FAST_BACKOFF, true);

        awaitCount("SELECT count(*) FROM audio_job WHERE status = 'failed' AND id = " + job, 1);

        assertThat(fixtures.count("SELECT count(*) FROM audio_episode")).isZero();
    }

    @Test
    void shouldRefuseTheEpisodeOfAReplicaWhoseLeaseWasReaped() throws Exception {
        long job = fixtures.queueJob(1, "Tone", 1, "wav", true);
        harness.start("items-only", new ToneEngine(), 1, LEASE, FAST_BACKOFF);
        awaitCount("SELECT count(*) FROM audio_episode WHERE state = 'queued' AND format = 'mp3' AND job_id = " + job, 1);
        harness.stopAll();
        EpisodeQueue queue = new EpisodeQueue(harness.dataSource, FAST_BACKOFF);

        ClaimedEpisode stalled = queue.claim(5, "stalled", Duration.ofMillis(1)).get(0);
        Thread.sleep(20);
        assertThat(queue.reapExpired(10)).extracting(ItemQueue.Reaped::state).containsExactly("queued");
        Thread.sleep(300); // the backoff
        ClaimedEpisode retry = queue.claim(5, "survivor", LEASE).get(0);

        assertThat(queue.complete(stalled, 1, 1000, "[]", "[]")).isEqualTo(Outcome.LEASE_LOST);
        assertThat(queue.heartbeat(List.of(stalled.leaseToken(), retry.leaseToken()), LEASE))
                .containsExactly(retry.leaseToken());
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(queue.fail(retry, "disk full", false)).isEqualTo(Outcome.RETRY_SCHEDULED);
        assertThat(fixtures.episode(job)).containsEntry("state", "queued").containsEntry("last_error", "disk full");
    }

    @Test
    void shouldRequeueTheEpisodeWhenARetriedJobFinishesAgain() throws Exception {
        long job = fixtures.queueJob(2, "Tone", 1, "m4a", true);
        ToneEngine engine = new ToneEngine().behave((text, call) -> {
            if (text.contains("item two") && call == 1) {
                throw new SynthesisException("first time only", true);
            }
        });
        harness.start("episodes-retry", new Narrator(engine), 1, LEASE, FAST_BACKOFF, true);
        String first = (String) awaitEpisode(job, "completed").get("chapters");
        assertThat(first).doesNotContain("Story 2");

        // What the api-service's retry does: the failed item is queued again and the job reopened.
        fixtures.execute("UPDATE audio_job_item SET state = 'queued', attempt = 0, run_at = now(), finished_at = NULL "
                + "WHERE job_id = " + job + " AND state = 'failed'");
        fixtures.execute("UPDATE audio_job SET failed_items = 0, status = 'processing', completed_at = NULL WHERE id = " + job);
        awaitCount("SELECT count(*) FROM audio_episode WHERE chapters::text LIKE '%Story 2%' AND state = 'completed'", 1);

        assertThat(fixtures.count("SELECT count(*) FROM audio_episode WHERE job_id = " + job)).isEqualTo(1);
    }

    private String itemKey(long job, int position) throws SQLException {
        return (String) fixtures.rowOf("SELECT a.storage_key FROM audio_job_item i JOIN audio_asset a ON a.id = i.asset_id "
                + "WHERE i.job_id = " + job + " AND i.position = " + position).get("storage_key");
    }

    private byte[] read(String key) throws Exception {
        try (InputStream in = harness.storage.open(key, 0, Long.MAX_VALUE)) {
            return in.readAllBytes();
        }
    }

    private Map<String, Object> awaitEpisode(long job, String state) throws Exception {
        awaitCount("SELECT count(*) FROM audio_episode WHERE state IN ('" + state + "', 'failed') AND job_id = " + job, 1);
        Map<String, Object> episode = fixtures.episode(job);
        assertThat(episode).as("episode row, last error %s", episode.get("last_error")).containsEntry("state", state);
        return episode;
    }

    private void awaitCount(String sql, long atLeast) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<Long> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            long actual = fixtures.count(sql);
            if (actual >= atLeast) {
                return;
            }
            seen.add(actual);
            Thread.sleep(50);
        }
        throw new AssertionError("expected at least " + atLeast + " from [" + sql + "]; saw " + seen.get(seen.size() - 1));
    }
}
