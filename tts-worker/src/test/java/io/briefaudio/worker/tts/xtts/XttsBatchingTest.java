package io.briefaudio.worker.tts.xtts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.audio.Pcm;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decoding in a batch gives what decoding alone gives, row by row, whatever its batch mates do. */
class XttsBatchingTest {

    /** Near-uniform draws: seed 0 on "Yes." never draws the stop code in 602 codes, seed 5 stops after 118. */
    private static final Sampling WILD = new Sampling(20.0, 0, 1.0, 1.0, false);

    private static XttsEngine engine;
    private static JsonNode ref;
    private static Speaker speaker;

    @BeforeAll
    static void load() throws Exception {
        engine = XttsEngine.load(TinyFixture.dir(), 1, 4, java.util.Map.of());
        ref = TinyFixture.reference();
        speaker = engine.model().speaker(ref.get("speaker").asText());
    }

    @AfterAll
    static void close() throws Exception {
        engine.close();
    }

    private record Case(String text, Sampling sampling, int cap, long seed) {
    }

    @Test
    void shouldMatchBatchOfOneForRowsOfDifferentLengthsStoppingEarlyAndAtTheCap() throws Exception {
        Sampling greedy = Sampling.greedy(5.0);
        List<Case> cases = List.of(
                new Case("Hello there, this is a test.", greedy, 602, 0),       // stops by itself after 19
                new Case("The weather is nice today!", greedy, 8, 0),          // its cap of 8 first
                new Case("Yes.", WILD, 602, 0),                               // the 602-code cap
                new Case("Good morning, and welcome to the brief.", greedy, 602, 0),
                new Case("Yes.", WILD, 602, 5),                               // stops after 118
                new Case("Why not?", new Sampling(0.75, 1, 0.85, 5.0, false), 602, 9)); // top-k 1 is greedy
        var batched = decodeTogether(cases, 4);
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            var alone = engine.gpt().generate(speaker, ids(c.text()), c.sampling(), c.cap(), new SplittableRandom(c.seed()));
            assertSame(batched.get(i), alone, c.toString());
        }
        assertThat(batched.get(0).stopped()).isTrue();
        assertThat(batched.get(0).codes()).containsExactly(TinyFixture.ints(ref.get("cases").get(0).get("codes")));
        assertThat(batched.get(1).codes()).containsExactly(TinyFixture.ints(ref.get("cases").get(1).get("codes")));
        assertThat(batched.get(2).codes()).hasSize(602);
        assertThat(batched.get(2).stopped()).isFalse();
        assertThat(batched.get(4).codes()).hasSize(118);
        var greedyWhyNot = engine.gpt().generate(speaker, ids("Why not?"), greedy, 602, new SplittableRandom(0));
        assertThat(batched.get(5).codes()).containsExactly(greedyWhyNot.codes());
    }

    @Test
    void shouldGiveASentenceTheSameAudioWhateverShareItsBatch() throws Exception {
        String sentence = "Rain moved in from the west.";
        Pcm alone = engine.synthesize(sentence, VoicePreset.FRIENDLY, "en");
        List<Pcm> crowded = engine.synthesizeAll(List.of("Markets rose today.", "Yes.", sentence, "The end.",
                "One two three four five."), VoicePreset.FRIENDLY, "en");
        assertThat(crowded.get(2).samples()).hasSize(alone.samples().length);
        assertThat(TinyFixture.maxAbsDiff(crowded.get(2).samples(), alone.samples())).isLessThan(1e-4f);
    }

    @Test
    void shouldGiveTheSameAudioWithStaticBatchingAsWithContinuous() throws Exception {
        List<String> sentences = List.of("Markets rose today.", "Yes.", "Rain moved in from the west.", "The end.",
                "One two three four five.", "Why not?");
        List<Pcm> continuous = engine.synthesizeAll(sentences, VoicePreset.WARM, "en");
        engine.staticBatching(true);
        try {
            List<Pcm> waves = engine.synthesizeAll(sentences, VoicePreset.WARM, "en");
            for (int i = 0; i < sentences.size(); i++) {
                assertThat(waves.get(i).samples()).hasSize(continuous.get(i).samples().length);
                assertThat(TinyFixture.maxAbsDiff(waves.get(i).samples(), continuous.get(i).samples())).isLessThan(1e-4f);
            }
        } finally {
            engine.staticBatching(false);
        }
    }

    @Test
    void shouldServeConcurrentItemsThroughTheOneSchedulerWithTheirOwnResults() throws Exception {
        List<List<String>> items = List.of(List.of("Markets rose today.", "Rain moved in from the west."),
                List.of("Good morning.", "Why not?", "Yes."), List.of("The end."));
        List<List<Pcm>> expected = new ArrayList<>();
        for (List<String> item : items) {
            List<Pcm> one = new ArrayList<>();
            for (String s : item) {
                one.add(engine.synthesize(s, VoicePreset.CALM, "en"));
            }
            expected.add(one);
        }
        ExecutorService slots = Executors.newFixedThreadPool(items.size());
        try {
            List<Future<List<Pcm>>> running = new ArrayList<>();
            for (List<String> item : items) {
                running.add(slots.submit(() -> engine.synthesizeAll(item, VoicePreset.CALM, "en")));
            }
            for (int i = 0; i < items.size(); i++) {
                List<Pcm> got = running.get(i).get();
                for (int s = 0; s < got.size(); s++) {
                    assertThat(got.get(s).samples()).hasSize(expected.get(i).get(s).samples().length);
                    assertThat(TinyFixture.maxAbsDiff(got.get(s).samples(), expected.get(i).get(s).samples())).isLessThan(1e-4f);
                }
            }
        } finally {
            slots.shutdownNow();
        }
    }

    @Test
    void shouldDropTheRowsOfAnInterruptedItemAndKeepServingOthers() throws Exception {
        Thread waiting = new Thread(() -> {
            try {
                engine.synthesizeAll(List.of("Yes.", "Good morning."), VoicePreset.WARM, "en");
            } catch (Exception expected) {
                // interrupted
            }
        });
        waiting.start();
        waiting.interrupt();
        waiting.join(10_000);
        assertThat(waiting.isAlive()).isFalse();
        Pcm after = engine.synthesize("The end.", VoicePreset.WARM, "en");
        assertThat(after.samples()).isNotEmpty();
    }

    private static List<GptDecoder.Generation> decodeTogether(List<Case> cases, int maxRows) throws Exception {
        List<GptBatch.Row> rows = new ArrayList<>();
        for (Case c : cases) {
            rows.add(engine.gpt().newRow(speaker, ids(c.text()), c.sampling(), c.cap(), new SplittableRandom(c.seed())));
        }
        try (GptBatch batch = new GptBatch(engine.model(), engine.gpt(), maxRows)) {
            int next = 0;
            while (next < rows.size() || batch.size() > 0) {
                // continuous batching: a freed row takes the next waiting sentence
                while (next < rows.size() && !batch.isFull()) {
                    batch.admit(rows.get(next++));
                }
                if (batch.size() > 0) {
                    batch.step();
                }
            }
        }
        List<GptDecoder.Generation> out = new ArrayList<>();
        for (GptBatch.Row row : rows) {
            out.add(row.generation(engine.model().manifest().dims().stopAudio()));
        }
        return out;
    }

    private static void assertSame(GptDecoder.Generation batched, GptDecoder.Generation alone, String what) {
        assertThat(batched.codes()).as(what).containsExactly(alone.codes());
        assertThat(batched.stopped()).as(what).isEqualTo(alone.stopped());
        for (int t = 0; t < alone.latents().length; t++) {
            assertThat(TinyFixture.maxAbsDiff(batched.latents()[t], alone.latents()[t])).as(what + " latent " + t)
                    .isLessThan(1e-4f);
        }
    }

    private static int[] ids(String text) throws Exception {
        return engine.text().encode(text, "en");
    }
}
