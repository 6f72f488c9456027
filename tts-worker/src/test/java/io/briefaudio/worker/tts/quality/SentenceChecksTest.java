package io.briefaudio.worker.tts.quality;

import static io.briefaudio.worker.tts.quality.Signals.join;
import static io.briefaudio.worker.tts.quality.Signals.pcm;
import static io.briefaudio.worker.tts.quality.Signals.silence;
import static io.briefaudio.worker.tts.quality.Signals.textLasting;
import static io.briefaudio.worker.tts.quality.Signals.tone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.briefaudio.worker.tts.audio.Pcm;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each check against input that must trip it and a near miss that must not. */
class SentenceChecksTest {

    /** XTTS v2: 1024 output samples per code at 22,050 Hz, at speed 1. */
    private static final double SECONDS_PER_CODE = 1024 / 22050.0;
    private static final SentenceChecks CHECKS = new SentenceChecks(QualitySettings.DEFAULTS);
    private static final String TEXT = textLasting(3);
    private static final Pcm SPEECH = pcm(tone(3, 0.5));

    private static List<Finding> check(Pcm pcm) {
        return CHECKS.failed(TEXT, "en", 1.0, pcm, null, 1);
    }

    private static List<Finding> check(int[] codes, boolean stopped) {
        return CHECKS.failed(TEXT, "en", 1.0, SPEECH, new CodeTrace(codes, stopped, 602, SECONDS_PER_CODE), 2);
    }

    private static List<Check> names(List<Finding> findings) {
        return findings.stream().map(Finding::check).toList();
    }

    @Test
    void shouldPassSpeechOfTheExpectedLength() {
        assertThat(check(SPEECH)).isEmpty();
        assertThat(check(distinctCodes(65), true)).isEmpty();
    }

    @Test
    void shouldFailASentenceThatRanToTheCodeCapWithoutTheStopCode() {
        assertThat(check(distinctCodes(602), false)).containsExactly(new Finding(Check.CODE_CAP, 602, 602, 2));
        // near misses: stopped on its own, or ended at a lower cap of its own (the benchmarks')
        assertThat(names(check(distinctCodes(300), true))).doesNotContain(Check.CODE_CAP);
        assertThat(names(check(distinctCodes(601), false))).doesNotContain(Check.CODE_CAP);
    }

    @Test
    void shouldFailALoopOf800MsButNotOneOf500Ms() {
        int[] loop800 = withRepeat(distinctCodes(120), 40, 18); // 18 codes: 836 ms
        int[] loop500 = withRepeat(distinctCodes(120), 40, 11); // 11 codes: 511 ms
        assertThat(check(loop800, true)).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(Check.LOOP);
            assertThat(f.value()).isCloseTo(18 * SECONDS_PER_CODE, within(0.001));
            assertThat(f.limit()).isEqualTo(0.7);
        });
        assertThat(check(loop500, true)).isEmpty();
    }

    @Test
    void shouldFindALoopWhoseCopyDiffersInOneDrawnCode() {
        int[] codes = withRepeat(distinctCodes(120), 40, 20);
        codes[70] = 1023; // inside the copy (which starts at 60)
        assertThat(names(check(codes, true))).containsExactly(Check.LOOP);
    }

    @Test
    void shouldCountACodeHeldForLongAsALoopButNotSampledCodes() {
        int[] held = distinctCodes(100);
        java.util.Arrays.fill(held, 30, 50, 7); // one code 20 times: 19 repeat it at lag 1
        assertThat(names(check(held, true))).containsExactly(Check.LOOP);
        SplittableRandom random = new SplittableRandom(3);
        int[] drawn = random.ints(600, 0, 1024).toArray();
        assertThat(CodeLoops.longestLoop(drawn)).isLessThan(CodeLoops.N);
    }

    @Test
    void shouldFailAThreeSecondGapInsideASentenceButNotAShortPause() {
        Pcm gap = pcm(join(tone(0.8, 0.5), silence(3), tone(0.8, 0.5)));
        assertThat(check(gap)).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(Check.INNER_SILENCE);
            assertThat(f.value()).isCloseTo(3.0, within(0.011));
        });
        assertThat(check(pcm(join(tone(1.5, 0.5), silence(0.6), tone(1.5, 0.5))))).isEmpty();
    }

    @Test
    void shouldFailLongLeadingAndTrailingSilence() {
        assertThat(names(check(pcm(join(silence(1.5), tone(3, 0.5)))))).containsExactly(Check.LEADING_SILENCE);
        assertThat(names(check(pcm(join(tone(3, 0.5), silence(1.5)))))).containsExactly(Check.TRAILING_SILENCE);
        assertThat(check(pcm(join(silence(0.3), tone(3, 0.5), silence(0.5))))).isEmpty();
    }

    @Test
    void shouldFailAClippedSineButNotOneThatOnlyTouchesFullScale() {
        float[] clipped = tone(3, 1.5);
        for (int i = 0; i < clipped.length; i++) {
            clipped[i] = Math.max(-1f, Math.min(1f, clipped[i]));
        }
        assertThat(check(pcm(clipped))).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(Check.CLIPPING);
            assertThat(f.value()).isGreaterThan(0.05);
        });
        float[] quantized = tone(3, 1.0); // peaks at full scale, 16-bit steps, never flat-topped
        for (int i = 0; i < quantized.length; i++) {
            quantized[i] = Math.round(quantized[i] * 32767) / 32767f;
        }
        assertThat(check(pcm(quantized))).isEmpty();
    }

    @Test
    void shouldFailNaNSamplesAndAllZeroOutput() {
        float[] broken = tone(3, 0.5);
        broken[100] = Float.NaN;
        broken[200] = Float.POSITIVE_INFINITY;
        assertThat(check(pcm(broken))).containsExactly(new Finding(Check.NON_FINITE, 2, 0, 1));
        assertThat(check(pcm(silence(3)))).containsExactly(new Finding(Check.ALL_ZERO, 0, 0, 1));
        float[] dither = silence(3);
        dither[10] = 1e-3f; // one audible sample: not all zero
        assertThat(names(check(pcm(dither)))).doesNotContain(Check.ALL_ZERO);
    }

    @Test
    void shouldFailASentenceTwiceAsLongAsItsTextPredictsAndOneFarTooShort() {
        // expected 3 s: the band is 0.5 × 3 - 0.5 = 1.0 s to 1.75 × 3 + 0.5 = 5.75 s
        assertThat(check(pcm(tone(6, 0.5)))).containsExactly(new Finding(Check.DURATION, 6.0, 5.75, 1));
        assertThat(check(pcm(tone(0.8, 0.5)))).containsExactly(new Finding(Check.DURATION, 0.8, 1.0, 1));
        assertThat(check(pcm(tone(4.5, 0.5)))).isEmpty();
        assertThat(check(pcm(tone(1.2, 0.5)))).isEmpty();
    }

    @Test
    void shouldExpectSlowerVoicesToTakeLonger() {
        Pcm sixSeconds = pcm(tone(6, 0.5));
        assertThat(CHECKS.failed(TEXT, "en", 0.5, sixSeconds, null, 1)).isEmpty(); // half speed: 6 s expected
        assertThat(SpeakingRates.speakable("It's 2 o'clock — {ph:6b::g}.")).isEqualTo(11); // k from the phoneme
    }

    /** Codes that never repeat an earlier one at any lag. */
    private static int[] distinctCodes(int count) {
        int[] codes = new int[count];
        for (int i = 0; i < count; i++) {
            codes[i] = i;
        }
        return codes;
    }

    /** {@code codes} with the {@code length} codes from {@code from} repeated right after themselves. */
    private static int[] withRepeat(int[] codes, int from, int length) {
        int[] out = new int[codes.length + length];
        System.arraycopy(codes, 0, out, 0, from + length);
        System.arraycopy(codes, from, out, from + length, length);
        System.arraycopy(codes, from + length, out, from + 2 * length, codes.length - from - length);
        return out;
    }
}
