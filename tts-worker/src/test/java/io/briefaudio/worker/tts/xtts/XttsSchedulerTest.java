package io.briefaudio.worker.tts.xtts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The order in which waiting sentences take a free row: longest first, without starving earlier ones. */
class XttsSchedulerTest {

    /** Near-uniform draws: seed 0 on "Yes." never draws the stop code in 602 codes (see XttsBatchingTest). */
    private static final Sampling WILD = new Sampling(20.0, 0, 1.0, 1.0, false);
    private static final String SHORT = "Yes.";
    private static final String LONG = "Good morning, and welcome to the brief on markets, weather and the city.";

    private static XttsEngine engine;
    private static Speaker speaker;

    @BeforeAll
    static void load() throws Exception {
        engine = XttsEngine.load(TinyFixture.dir(), 1, 1, java.util.Map.of());
        speaker = engine.model().speaker(TinyFixture.reference().get("speaker").asText());
    }

    @AfterAll
    static void close() throws Exception {
        engine.close();
    }

    @Test
    void shouldSeatTheLongestWaitingSentenceFirst() throws Exception {
        List<String> finished = runWhileOneRowIsBusy(new AtomicLong(), clock -> { });
        assertThat(finished).containsExactly(LONG, SHORT);
    }

    @Test
    void shouldNotLetALongSentenceArrivingMuchLaterOvertakeAShortOne() throws Exception {
        AtomicLong clock = new AtomicLong();
        int extraPositions = engine.text().encode(LONG, "en").length - engine.text().encode(SHORT, "en").length;
        List<String> finished = runWhileOneRowIsBusy(clock,
                c -> c.addAndGet(XttsScheduler.HEAD_START_MS_PER_POSITION * extraPositions + 1));
        assertThat(finished).containsExactly(SHORT, LONG);
    }

    /**
     * On a one-row scheduler, seats a sentence that decodes for 602 codes, then queues {@link #SHORT} and, after
     * {@code between} moved the clock, {@link #LONG} (both capped at 4 codes); returns the two in the order they
     * finished.
     */
    private static List<String> runWhileOneRowIsBusy(AtomicLong clock, java.util.function.Consumer<AtomicLong> between)
            throws Exception {
        XttsModel model = engine.model();
        int stop = model.manifest().dims().stopAudio();
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        try (XttsScheduler scheduler = new XttsScheduler(new GptBatch(model, engine.gpt(), 1), new HifiGanDecoder(model),
                stop, clock::get)) {
            CompletableFuture<XttsScheduler.Done> busy = scheduler.submit(row(SHORT, WILD, 602), speaker.embedding(), 1.0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (scheduler.stats().prefills() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            List<CompletableFuture<?>> queued = new ArrayList<>();
            queued.add(scheduler.submit(row(SHORT, Sampling.greedy(5.0), 4), speaker.embedding(), 1.0)
                    .thenRun(() -> finished.add(SHORT)));
            between.accept(clock);
            queued.add(scheduler.submit(row(LONG, Sampling.greedy(5.0), 4), speaker.embedding(), 1.0)
                    .thenRun(() -> finished.add(LONG)));
            assertThat(busy.isDone()).as("the busy row still decodes while both wait").isFalse();
            busy.get(60, TimeUnit.SECONDS);
            for (CompletableFuture<?> f : queued) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
        return finished;
    }

    private static GptBatch.Row row(String text, Sampling sampling, int cap) throws Exception {
        return engine.gpt().newRow(speaker, engine.text().encode(text, "en"), sampling, cap, new SplittableRandom(0));
    }
}
