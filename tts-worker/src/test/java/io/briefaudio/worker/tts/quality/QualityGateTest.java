package io.briefaudio.worker.tts.quality;

import static io.briefaudio.worker.tts.quality.Signals.pcm;
import static io.briefaudio.worker.tts.quality.Signals.silence;
import static io.briefaudio.worker.tts.quality.Signals.textLasting;
import static io.briefaudio.worker.tts.quality.Signals.tone;
import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.SpeechEngine;
import io.briefaudio.worker.tts.audio.Pcm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Re-synthesis of failing sentences only, the best take kept, the policy, and what is counted. */
class QualityGateTest {

    private static final String GOOD = textLasting(2);
    private static final String FLAKY = textLasting(3);

    /** An engine that varies by take: {@code voice} decides each sentence's audio from its text and take. */
    private static final class TakingEngine implements SpeechEngine {
        final List<String> spoken = new ArrayList<>();
        final List<Take> takes = new ArrayList<>();
        private final boolean varies;
        private final BiFunction<String, Take, float[]> voice;

        TakingEngine(boolean varies, BiFunction<String, Take, float[]> voice) {
            this.varies = varies;
            this.voice = voice;
        }

        @Override
        public SpeechEngine take(Take take, BiConsumer<Pcm, CodeTrace> traces) {
            TakingEngine self = this;
            return new SpeechEngine() {
                @Override
                public String name() {
                    return self.name();
                }

                @Override
                public String modelVersion() {
                    return self.modelVersion();
                }

                @Override
                public Set<String> languages() {
                    return self.languages();
                }

                @Override
                public int maxChunkChars(String language) {
                    return self.maxChunkChars(language);
                }

                @Override
                public Pcm synthesize(String text, VoicePreset v, String language) {
                    self.takes.add(take);
                    self.spoken.add(text);
                    return pcm(voice.apply(text, take));
                }
            };
        }

        @Override
        public boolean varies() {
            return varies;
        }

        @Override
        public String name() {
            return "taking";
        }

        @Override
        public String modelVersion() {
            return "1";
        }

        @Override
        public Set<String> languages() {
            return Set.of("en");
        }

        @Override
        public int maxChunkChars(String language) {
            return 500;
        }

        @Override
        public Pcm synthesize(String text, VoicePreset voice, String language) {
            throw new AssertionError("the gate speaks through takes");
        }
    }

    private static QualityGate.Checked speak(QualityGate gate, TakingEngine engine, int round) throws Exception {
        return gate.speak(engine, List.of(new QualityGate.Sentence(GOOD, "en"), new QualityGate.Sentence(FLAKY, "en")),
                1.0, round, (e, texts, language) -> e.synthesizeAll(texts, VoicePreset.PROFESSIONAL, language));
    }

    @Test
    void shouldResynthesizeOnlyTheFailingSentenceAndKeepTheTakeThatPasses() throws Exception {
        // The flaky sentence is silent in its first two takes and speaks in the third.
        TakingEngine engine = new TakingEngine(true, (text, take) ->
                text.equals(FLAKY) && take.seed() < 2 ? silence(3) : tone(text.equals(GOOD) ? 2 : 3, 0.5));
        QualityGate.Checked checked = speak(QualityGate.DEFAULT, engine, 0);

        assertThat(engine.spoken).containsExactly(GOOD, FLAKY, FLAKY, FLAKY);
        assertThat(engine.takes.subList(2, 4)).containsExactly(new Take(1, 0.1), new Take(2, 0.2));
        QualityReport report = checked.report();
        assertThat(report.status()).isEqualTo(QualityReport.Status.OK);
        assertThat(report.checks()).isEmpty();
        assertThat(report.resynthesized()).isEqualTo(2);
        assertThat(report.tallies().get(Check.ALL_ZERO)).isEqualTo(
                Map.of(QualityReport.Outcome.PASS, 1, QualityReport.Outcome.FIXED, 1));
        assertThat(report.tallies()).doesNotContainKey(Check.CODE_CAP); // no codes reported
        float peak = 0;
        for (float s : checked.audio().get(1).samples()) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertThat(peak).as("the third take, which speaks, is kept").isGreaterThan(0.4f);
    }

    @Test
    void shouldKeepTheLeastBadTakeAndWarnWhenEveryTakeFails() throws Exception {
        // Every take of the flaky sentence is too long; the second least so.
        TakingEngine engine = new TakingEngine(true, (text, take) -> !text.equals(FLAKY) ? tone(2, 0.5)
                : tone(new double[] {12, 9, 10}[take.seed()], 0.5));
        QualityGate.Checked checked = speak(QualityGate.DEFAULT, engine, 0);

        QualityReport report = checked.report();
        assertThat(report.status()).isEqualTo(QualityReport.Status.WARN);
        assertThat(report.resynthesized()).isEqualTo(2);
        assertThat(report.checks()).containsExactly(new Finding(Check.DURATION, 9.0, 5.75, 2));
        assertThat(checked.audio().get(1).samples()).hasSize(9 * Signals.RATE);
        assertThat(report.tallies().get(Check.DURATION)).isEqualTo(
                Map.of(QualityReport.Outcome.PASS, 1, QualityReport.Outcome.WARN, 1));
        assertThat(QualityReport.fromJson(report.toJson())).isEqualTo(
                new QualityReport(report.status(), report.checks(), 2, Map.of()));
    }

    @Test
    void shouldReportFailUnderTheFailPolicyAndDrawNewTakesInTheNextRound() throws Exception {
        TakingEngine engine = new TakingEngine(true, (text, take) -> text.equals(FLAKY) ? silence(1) : tone(2, 0.5));
        QualityGate gate = new QualityGate(QualitySettings.DEFAULTS.withOnFail(OnFail.FAIL));
        QualityReport report = speak(gate, engine, 1).report();

        assertThat(report.status()).isEqualTo(QualityReport.Status.FAIL);
        assertThat(report.checks()).containsExactly(new Finding(Check.ALL_ZERO, 0, 0, 2));
        assertThat(report.tallies().get(Check.ALL_ZERO)).containsEntry(QualityReport.Outcome.FAIL, 1);
        // round 1 (a retried item) starts where round 0's takes end: takes 3, 4 and 5
        assertThat(engine.takes).containsExactly(new Take(3, 0), new Take(3, 0), new Take(4, 0.1), new Take(5, 0.2));
    }

    @Test
    void shouldCheckButNotResynthesizeOnAnEngineThatNeverVaries() throws Exception {
        TakingEngine engine = new TakingEngine(false, (text, take) -> text.equals(FLAKY) ? silence(1) : tone(2, 0.5));
        QualityReport report = speak(QualityGate.DEFAULT, engine, 0).report();

        assertThat(engine.spoken).containsExactly(GOOD, FLAKY);
        assertThat(report.status()).isEqualTo(QualityReport.Status.WARN);
        assertThat(report.resynthesized()).isZero();
    }

    @Test
    void shouldKeepNonFiniteSamplesOutOfTheAudio() throws Exception {
        TakingEngine engine = new TakingEngine(false, (text, take) -> {
            float[] samples = tone(text.equals(GOOD) ? 2 : 3, 0.5);
            samples[5] = Float.NaN;
            return samples;
        });
        QualityGate.Checked checked = speak(QualityGate.DEFAULT, engine, 0);

        assertThat(checked.report().checks()).extracting(Finding::check).containsExactly(Check.NON_FINITE, Check.NON_FINITE);
        for (Pcm pcm : checked.audio()) {
            for (float s : pcm.samples()) {
                assertThat(Float.isFinite(s)).isTrue();
            }
        }
    }

    @Test
    void shouldHandOnEachSentenceBeforeSpeakingTheNextOnAnEngineThatNeverVaries() throws Exception {
        TakingEngine engine = new TakingEngine(false, (text, take) -> {
            float[] samples = text.equals(FLAKY) ? silence(1) : tone(2, 0.5);
            samples[3] = text.equals(GOOD) ? Float.NaN : samples[3];
            return samples;
        });
        List<QualityGate.Sentence> sentences = List.of(new QualityGate.Sentence(GOOD, "en"),
                new QualityGate.Sentence(FLAKY, "en"), new QualityGate.Sentence(GOOD, "en"));
        QualityGate.Voice voice = (e, texts, language) -> e.synthesizeAll(texts, VoicePreset.PROFESSIONAL, language);
        List<Pcm> handed = new ArrayList<>();
        List<Integer> spokenWhenHanded = new ArrayList<>();

        QualityReport report = QualityGate.DEFAULT.speak(engine, sentences, 1.0, 0, voice, (i, pcm) -> {
            assertThat(i).isEqualTo(handed.size());
            handed.add(pcm);
            spokenWhenHanded.add(engine.spoken.size());
        });

        assertThat(spokenWhenHanded).as("one sentence spoken at a time").containsExactly(1, 2, 3);
        QualityGate.Checked all = QualityGate.DEFAULT.speak(engine, sentences, 1.0, 0, voice);
        assertThat(report).as("the report of all sentences spoken at once").isEqualTo(all.report());
        assertThat(report.status()).isEqualTo(QualityReport.Status.WARN);
        for (int i = 0; i < sentences.size(); i++) {
            assertThat(handed.get(i).samples()).isEqualTo(all.audio().get(i).samples());
        }
        assertThat(Float.isFinite(handed.get(0).samples()[3])).as("non-finite samples kept out").isTrue();
    }

    @Test
    void shouldSpeakAsBeforeWhenOff() throws Exception {
        TakingEngine engine = new TakingEngine(true, (text, take) -> silence(1));
        QualityGate.Checked checked = speak(QualityGate.OFF, engine, 0);

        assertThat(checked.report()).isNull();
        assertThat(engine.takes).containsExactly(Take.FIRST, Take.FIRST);
        assertThat(checked.audio()).hasSize(2);
    }
}
