package io.briefaudio.bench;

import io.briefaudio.worker.tts.NarratedAudio;
import io.briefaudio.worker.tts.NarrationSettings;
import io.briefaudio.worker.tts.Narrator;
import io.briefaudio.worker.tts.SpeechEngine;
import io.briefaudio.worker.tts.quality.QualityGate;
import io.briefaudio.worker.tts.quality.QualityReport;
import io.briefaudio.worker.tts.quality.QualitySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What the quality gate costs narration: the same work run with the gate off and on, alternating (off, on, off, on,
 * …) so that a machine whose load drifts slows both alike; the median wall time of each, and what the gate found
 * (when a check fails, the "on" runs include its re-syntheses and stop measuring only the checks).
 */
final class QualityOnOff {

    /** One run of the measured work with this narrator; returns the narrations it made. */
    interface Work {
        List<NarratedAudio> run(Narrator narrator) throws Exception;
    }

    record Result(double offWallS, double onWallS, int sentencesFailing, int resynthesized, String loadBefore,
                  String loadAfter) {

        double ratio() {
            return onWallS / offWallS;
        }

        String json() {
            return String.format(Locale.ROOT, "{\"off_wall_s\": %.3f, \"on_wall_s\": %.3f, \"on_over_off\": %.4f, "
                    + "\"failing_checks\": %d, \"resynthesized\": %d, \"loadavg_before\": \"%s\", "
                    + "\"loadavg_after\": \"%s\"}", offWallS, onWallS, ratio(), sentencesFailing, resynthesized,
                    loadBefore, loadAfter);
        }
    }

    private QualityOnOff() {
    }

    /** A narrator with the gate {@code on} (the worker's defaults) or off. */
    static Narrator narrator(SpeechEngine engine, boolean on) {
        return new Narrator(engine, NarrationSettings.DEFAULTS, on ? new QualityGate(QualitySettings.DEFAULTS)
                : QualityGate.OFF);
    }

    /** The median wall time of {@code rounds} runs of {@code work} with one narrator, after a warm-up run. */
    static double medianWall(Narrator narrator, int rounds, Work work) throws Exception {
        work.run(narrator);
        List<Double> times = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            times.add(timed(narrator, work).wallS);
        }
        return median(times);
    }

    static Result measure(SpeechEngine engine, int rounds, Work work) throws Exception {
        return measure(engine, rounds, QualitySettings.DEFAULTS.maxResynthesis(), work);
    }

    /**
     * As {@link #measure(SpeechEngine, int, Work)}, the gate re-synthesizing at most {@code maxResynthesis} times: 0
     * measures the checks alone, what a narration pays when every check passes, on an engine whose output fails some
     * (random weights).
     */
    static Result measure(SpeechEngine engine, int rounds, int maxResynthesis, Work work) throws Exception {
        Narrator off = narrator(engine, false);
        Narrator on = new Narrator(engine, NarrationSettings.DEFAULTS,
                new QualityGate(QualitySettings.DEFAULTS.withMaxResynthesis(maxResynthesis)));
        String loadBefore = loadAverage();
        work.run(off); // warm-up: JIT and engine caches, counted in neither
        work.run(on);
        List<Double> offTimes = new ArrayList<>();
        List<Double> onTimes = new ArrayList<>();
        int failing = 0;
        int resynthesized = 0;
        for (int round = 0; round < rounds; round++) {
            offTimes.add(timed(off, work).wallS);
            Timed checked = timed(on, work);
            onTimes.add(checked.wallS);
            for (NarratedAudio audio : checked.narrations) {
                QualityReport report = audio.quality();
                failing += report.checks().size();
                resynthesized += report.resynthesized();
                if (round == 0 && !report.checks().isEmpty()) {
                    System.out.println("  quality: " + report.status().wireName() + ": " + report.summary());
                }
            }
        }
        Result result = new Result(median(offTimes), median(onTimes), failing / rounds, resynthesized / rounds,
                loadBefore, loadAverage());
        System.out.printf(Locale.ROOT, "quality gate off %.3f s, on %.3f s (median of %d alternating rounds): on/off %.4f;"
                        + " failing checks per round %d, re-syntheses per round %d; load average %s -> %s%n",
                result.offWallS(), result.onWallS(), rounds, result.ratio(), result.sentencesFailing(),
                result.resynthesized(), loadBefore, result.loadAfter());
        return result;
    }

    private record Timed(double wallS, List<NarratedAudio> narrations) {
    }

    private static Timed timed(Narrator narrator, Work work) throws Exception {
        long t0 = System.nanoTime();
        List<NarratedAudio> narrations = work.run(narrator);
        return new Timed((System.nanoTime() - t0) / 1e9, narrations);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
