package io.briefaudio.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.shared.pronunciation.LexiconEntry;
import io.briefaudio.shared.pronunciation.Lexicons;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.espeak.EspeakEngine;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tenant's lexicon in the worker, with real eSpeak NG, PostgreSQL and storage: applied, and never stale. */
@QuarkusTest
class PronunciationItemTests extends QueuedWorkTestBase {

    private static final long TENANT = 1;

    private ItemProcessor processor;

    @BeforeEach
    void emptyLexicon() throws Exception {
        sql("DELETE FROM lexicon_entry WHERE tenant_id = ?", TENANT);
        processor = new ItemProcessor(new Narrator(new EspeakEngine("espeak-ng", Duration.ofSeconds(30))),
                harness.storage, harness.dataSource);
    }

    @Test
    void shouldNeverServeTheOldAudioAfterTheLexiconChanges() throws Exception {
        ItemProcessor.Result plain = processor.process(claimOne("NATO met today."));
        long entry = add(LexiconEntry.of("NATO", "nay-toe", null, false, null));

        ItemProcessor.Result aliased = processor.process(claimOne("NATO met today."));
        assertThat(aliased.cacheHit()).as("the entry changes the audio").isFalse();
        assertThat(bytesOf(aliased)).isNotEqualTo(bytesOf(plain));
        ItemProcessor.Result again = processor.process(claimOne("NATO met today."));
        assertThat(again.cacheHit()).isTrue();
        assertThat(again.assetId()).isEqualTo(aliased.assetId());

        sql("UPDATE lexicon_entry SET alias = 'North Atlantic Treaty Organization' WHERE id = ?", entry);
        ItemProcessor.Result edited = processor.process(claimOne("NATO met today."));
        assertThat(edited.cacheHit()).as("an edited entry is never served from the cache").isFalse();
        assertThat(edited.assetId()).isNotIn(plain.assetId(), aliased.assetId());

        sql("DELETE FROM lexicon_entry WHERE id = ?", entry);
        ItemProcessor.Result removed = processor.process(claimOne("NATO met today."));
        assertThat(removed.assetId()).as("without the entry, the first audio again").isEqualTo(plain.assetId());
        // The alias is spoken exactly as its text: same prepared text, so the same cached audio.
        ItemProcessor.Result aliasText = processor.process(claimOne("nay-toe met today."));
        assertThat(aliasText.assetId()).isEqualTo(aliased.assetId());
    }

    @Test
    void shouldApplyAnotherTenantsLexiconOnlyToItsOwnItems() throws Exception {
        ItemProcessor.Result before = processor.process(claimOne("Xi spoke."));
        long other;
        try (Connection c = harness.dataSource.getConnection()) {
            c.createStatement().execute("INSERT INTO tenant (name) VALUES ('lexicon-other') ON CONFLICT (name) DO NOTHING");
            var rs = c.createStatement().executeQuery("SELECT id FROM tenant WHERE name = 'lexicon-other'");
            rs.next();
            other = rs.getLong(1);
            Lexicons.insert(c, other, LexiconEntry.of("Xi", "shee", null, false, null));
        }
        ItemProcessor.Result after = processor.process(claimOne("Xi spoke."));
        assertThat(after.cacheHit()).isTrue();
        assertThat(after.assetId()).isEqualTo(before.assetId());
    }

    @Test
    void shouldRecordAWarningWhenOnlyAPhonemeCannotBeSpoken() throws Exception {
        add(LexiconEntry.of("Nguyen", null, "ŋʷiəŋ˧˥", false, null));
        ClaimedItem item = claimOne("Nguyen spoke.");
        ItemProcessor.Result result = processor.process(item);
        assertThat(result.warnings()).singleElement().asString().contains("Nguyen").contains("espeak-ng");
        try (Connection c = harness.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT warnings FROM audio_job_item WHERE id = ?")) {
            s.setLong(1, item.itemId());
            var rs = s.executeQuery();
            rs.next();
            assertThat(rs.getString(1)).as("recorded on the item for its status").isEqualTo(result.warnings().get(0));
        }
        ItemProcessor.Result cached = processor.process(claimOne("Nguyen spoke."));
        assertThat(cached.cacheHit()).isTrue();
        assertThat(cached.warnings()).as("the warning holds for cached audio too").hasSize(1);
    }

    private long add(LexiconEntry entry) throws Exception {
        try (Connection c = harness.dataSource.getConnection()) {
            return Lexicons.insert(c, TENANT, entry).orElseThrow().id();
        }
    }

    private void sql(String sql, long id) throws Exception {
        try (Connection c = harness.dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    /** Queues a one-item job whose text is {@code text} (the fixture appends " item 1") and claims it. */
    private ClaimedItem claimOne(String text) throws Exception {
        fixtures.queueJob(1, text, 3);
        return harness.queue(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .claim(1, "lexicon-test", Duration.ofSeconds(30)).get(0);
    }

    private byte[] bytesOf(ItemProcessor.Result result) throws Exception {
        try (InputStream in = harness.storage.open(result.storageKey(), 0, Long.MAX_VALUE)) {
            return in.readAllBytes();
        }
    }
}
