package io.briefaudio.worker.tts.xtts;

import static org.assertj.core.api.Assertions.assertThat;

import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.NarratedAudio;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.quality.Check;
import io.briefaudio.worker.tts.quality.CodeTrace;
import io.briefaudio.worker.tts.quality.Finding;
import io.briefaudio.worker.tts.quality.QualityReport;
import io.briefaudio.worker.tts.quality.Take;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XTTS takes on the tiny model: codes reported, other seeds draw other codes, the same take the same audio. */
class XttsTakeTest {

    private static final String TEXT = "The weather is nice today.";

    @TempDir
    Path temp;

    @Test
    void shouldReportCodesAndDrawOtherCodesInAnotherTakeAndTheSameInTheSame() throws Exception {
        try (XttsEngine engine = XttsEngine.load(TinyFixture.withoutStopCode(temp.resolve("model")), 1)) {
            CodeTrace first = trace(engine, Take.FIRST);
            assertThat(first.stopped()).isFalse();
            assertThat(first.codes()).hasSize(602);
            assertThat(first.cap()).isEqualTo(602);
            assertThat(first.secondsPerCode()).isEqualTo(1024 / 22050.0);
            assertThat(trace(engine, Take.FIRST).codes()).isEqualTo(first.codes());
            CodeTrace second = trace(engine, new Take(1, 0.1));
            assertThat(second.codes()).isNotEqualTo(first.codes());
            assertThat(trace(engine, new Take(1, 0.1)).codes()).isEqualTo(second.codes());
            // take 0 is what the engine draws without the gate: cached audio made before it stays valid
            assertThat(engine.synthesize(TEXT, VoicePreset.PROFESSIONAL, "en").samples())
                    .isEqualTo(speak(engine, Take.FIRST).keySet().iterator().next().samples());
        }
    }

    @Test
    void shouldResynthesizeARunawaySentenceTwiceWarnNamingTheCapAndNarrateTheSameAgain() throws Exception {
        try (XttsEngine engine = XttsEngine.load(TinyFixture.withoutStopCode(temp.resolve("model")), 1)) {
            Narrator narrator = new Narrator(engine);
            NarratedAudio once = narrator.narrate(narrator.prepare(TEXT, "en"), VoicePreset.PROFESSIONAL, "en");
            QualityReport report = once.quality();

            assertThat(report.status()).isEqualTo(QualityReport.Status.WARN);
            assertThat(report.resynthesized()).isEqualTo(2);
            assertThat(report.checks()).contains(new Finding(Check.CODE_CAP, 602, 602, 1));
            assertThat(report.tallies().get(Check.CODE_CAP)).isEqualTo(Map.of(QualityReport.Outcome.WARN, 1));

            NarratedAudio again = narrator.narrate(narrator.prepare(TEXT, "en"), VoicePreset.PROFESSIONAL, "en");
            assertThat(again.wav()).as("deterministic: cached audio and re-runs agree").isEqualTo(once.wav());
            assertThat(again.quality()).isEqualTo(report);
        }
    }

    private static CodeTrace trace(XttsEngine engine, Take take) throws Exception {
        Map<Pcm, CodeTrace> traces = new IdentityHashMap<>();
        List<Pcm> pcm = engine.take(take, traces::put).synthesizeAll(List.of(TEXT), VoicePreset.PROFESSIONAL, "en");
        return traces.get(pcm.get(0));
    }

    private static Map<Pcm, CodeTrace> speak(XttsEngine engine, Take take) throws Exception {
        Map<Pcm, CodeTrace> traces = new IdentityHashMap<>();
        engine.take(take, traces::put).synthesizeAll(List.of(TEXT), VoicePreset.PROFESSIONAL, "en");
        return traces;
    }
}
