package io.briefaudio.worker.tts.quality;

import io.briefaudio.worker.tts.audio.Pcm;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Every check on one synthesized sentence, with the settings' limits; docs/quality.md describes each. */
final class SentenceChecks {

    private final QualitySettings settings;

    SentenceChecks(QualitySettings settings) {
        this.settings = settings;
    }

    /** The checks that apply to a sentence: all of them when the engine reported codes, else those on samples. */
    static Set<Check> applicable(CodeTrace trace) {
        Set<Check> checks = EnumSet.allOf(Check.class);
        if (trace == null) {
            checks.removeIf(Check::needsCodes);
        }
        return checks;
    }

    /** The checks {@code pcm} fails, as sentence {@code number} of its item. */
    List<Finding> failed(String text, String language, double speed, Pcm pcm, CodeTrace trace, int number) {
        List<Finding> found = new ArrayList<>();
        if (trace != null) {
            if (!trace.stopped() && trace.codes().length >= trace.cap()) {
                found.add(new Finding(Check.CODE_CAP, trace.codes().length, trace.cap(), number));
            }
            double loop = round(CodeLoops.longestLoop(trace.codes()) * trace.secondsPerCode());
            double loopLimit = seconds(settings.loop().toMillis());
            if (loop >= loopLimit) {
                found.add(new Finding(Check.LOOP, loop, loopLimit, number));
            }
        }
        SignalMeasures m = SignalMeasures.of(pcm.samples(), pcm.sampleRate());
        if (m.nonFinite() > 0) {
            found.add(new Finding(Check.NON_FINITE, m.nonFinite(), 0, number));
        }
        if (m.allZero()) {
            found.add(new Finding(Check.ALL_ZERO, 0, 0, number));
            return found;
        }
        double expected = settings.rates().expectedSeconds(text, language, speed);
        double slack = seconds(settings.durationSlack().toMillis());
        double longest = round(expected * settings.maxDurationRatio() + slack);
        double shortest = round(Math.max(0, expected * settings.minDurationRatio() - slack));
        double spoken = round(m.spokenSeconds());
        if (spoken > longest) {
            found.add(new Finding(Check.DURATION, spoken, longest, number));
        } else if (spoken < shortest) {
            found.add(new Finding(Check.DURATION, spoken, shortest, number));
        }
        exceeds(found, Check.INNER_SILENCE, m.innerSeconds(), settings.innerSilence().toMillis(), number);
        exceeds(found, Check.LEADING_SILENCE, m.leadingSeconds(), settings.leadingSilence().toMillis(), number);
        exceeds(found, Check.TRAILING_SILENCE, m.trailingSeconds(), settings.trailingSilence().toMillis(), number);
        if (m.clippedShare() > settings.clipping()) {
            found.add(new Finding(Check.CLIPPING, Math.round(m.clippedShare() * 1e5) / 1e5, settings.clipping(), number));
        }
        return found;
    }

    private static void exceeds(List<Finding> found, Check check, double value, long limitMillis, int number) {
        double limit = seconds(limitMillis);
        if (value > limit) {
            found.add(new Finding(check, round(value), limit, number));
        }
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
