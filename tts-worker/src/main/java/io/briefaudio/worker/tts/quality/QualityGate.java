package io.briefaudio.worker.tts.quality;

import io.briefaudio.worker.tts.SpeechEngine;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.audio.Pcm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Speaks a narration's sentences and checks each one before anyone hears it ({@link SentenceChecks}). A sentence that
 * fails a check is synthesized again, alone with the other failing ones, as another {@link Take} (another seed, a
 * cooler temperature on XTTS), up to {@code max-resynthesis} times, and the best take by the checks is kept. Engines
 * whose audio never varies (eSpeak NG, Kokoro) would only repeat themselves, so their sentences are checked, not
 * re-synthesized. Takes are numbered from the attempt's {@code round}, so a retried item draws new takes while a
 * given round always draws the same ones.
 */
public final class QualityGate {

    public static final QualityGate DEFAULT = new QualityGate(QualitySettings.DEFAULTS);
    public static final QualityGate OFF = new QualityGate(QualitySettings.OFF);

    /** A sentence as the narration plan holds it. */
    public record Sentence(String text, String language) {
    }

    /** Speaks sentences of one language with {@code engine}: the narration's engine, or a take of it. */
    public interface Voice {
        List<Pcm> speak(SpeechEngine engine, List<String> texts, String language) throws SynthesisException;
    }

    /** Takes each sentence's kept audio, in order, as soon as the gate is done with it. */
    public interface Sink {
        void accept(int index, Pcm audio) throws SynthesisException;
    }

    /** The audio of each sentence, in order, and what the gate found (null when the gate is off). */
    public record Checked(List<Pcm> audio, QualityReport report) {

        /**
         * Sentence {@code i}'s audio, which this no longer holds: a narration lets go of each sentence once it is in
         * the track, so that a long item is not held twice.
         */
        public Pcm release(int i) {
            return audio.set(i, null);
        }
    }

    private record Spoken(Pcm pcm, CodeTrace trace) {
    }

    private record Attempt(Pcm pcm, List<Finding> failed) {
        long broken() {
            return failed.stream().filter(f -> f.check().isBroken()).count();
        }

        double excess() {
            return failed.stream().mapToDouble(Finding::excess).sum();
        }
    }

    /** Fewer broken outputs first, then fewer failed checks, then less excess past the limits; ties keep the earlier. */
    private static final Comparator<Attempt> BEST_FIRST = Comparator.comparingLong(Attempt::broken)
            .thenComparingInt(a -> a.failed().size()).thenComparingDouble(Attempt::excess);

    private final QualitySettings settings;
    private final SentenceChecks checks;

    public QualityGate(QualitySettings settings) {
        this.settings = settings;
        this.checks = new SentenceChecks(settings);
    }

    public QualitySettings settings() {
        return settings;
    }

    /**
     * {@link #speak(SpeechEngine, List, double, int, Voice)}, handing each sentence's kept audio to {@code sink} in
     * order; returns what the gate found (null when it is off). An engine whose audio never varies is never asked
     * again and does not batch (its sentences sound the same spoken alone), so its sentences are spoken, checked and
     * handed on one at a time: a narration of half an hour never holds more than a sentence. The others' are held
     * until the last take.
     */
    public QualityReport speak(SpeechEngine engine, List<Sentence> sentences, double speed, int round, Voice voice,
                               Sink sink) throws SynthesisException {
        if (engine.varies()) {
            Checked checked = speak(engine, sentences, speed, round, voice);
            for (int i = 0; i < sentences.size(); i++) {
                sink.accept(i, checked.release(i));
            }
            return checked.report();
        }
        Take take = new Take(round * (settings.maxResynthesis() + 1), 0);
        List<Finding> failed = new ArrayList<>();
        Map<Check, Map<QualityReport.Outcome, Integer>> tallies = new EnumMap<>(Check.class);
        for (int i = 0; i < sentences.size(); i++) {
            Spoken spoken = speakTake(engine, sentences, List.of(i), take, voice)[i];
            if (!settings.enabled()) {
                sink.accept(i, spoken.pcm());
                continue;
            }
            Attempt attempt = check(sentences.get(i), speed, spoken, i);
            failed.addAll(attempt.failed());
            tally(tallies, spoken, attempt, attempt);
            sink.accept(i, playable(attempt));
        }
        return settings.enabled() ? new QualityReport(status(failed), failed, 0, tallies) : null;
    }

    /**
     * Speaks {@code sentences} (the chunks of one language together, so a batching engine decodes them at once) at the
     * voice's {@code speed}, checks them, and re-synthesizes those that fail.
     */
    public Checked speak(SpeechEngine engine, List<Sentence> sentences, double speed, int round, Voice voice)
            throws SynthesisException {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            all.add(i);
        }
        int takesPerRound = settings.maxResynthesis() + 1;
        Spoken[] first = speakTake(engine, sentences, all, new Take(round * takesPerRound, 0), voice);
        if (!settings.enabled()) {
            return new Checked(new ArrayList<>(java.util.Arrays.stream(first).map(Spoken::pcm).toList()), null);
        }
        Attempt[] firstChecked = new Attempt[first.length];
        Attempt[] kept = new Attempt[first.length];
        for (int i = 0; i < first.length; i++) {
            kept[i] = firstChecked[i] = check(sentences.get(i), speed, first[i], i);
        }
        int resynthesized = 0;
        for (int again = 1; again <= settings.maxResynthesis() && engine.varies(); again++) {
            List<Integer> failing = all.stream().filter(i -> !kept[i].failed().isEmpty()).toList();
            if (failing.isEmpty()) {
                break;
            }
            Take take = new Take(round * takesPerRound + again, again * settings.temperatureStep());
            Spoken[] retaken = speakTake(engine, sentences, failing, take, voice);
            resynthesized += failing.size();
            for (int i : failing) {
                Attempt attempt = check(sentences.get(i), speed, retaken[i], i);
                if (BEST_FIRST.compare(attempt, kept[i]) < 0) {
                    kept[i] = attempt;
                }
            }
        }
        List<Finding> failed = new ArrayList<>();
        List<Pcm> audio = new ArrayList<>();
        for (Attempt attempt : kept) {
            failed.addAll(attempt.failed());
            audio.add(playable(attempt));
        }
        return new Checked(audio, new QualityReport(status(failed), failed, resynthesized,
                tallies(first, firstChecked, kept)));
    }

    private QualityReport.Status status(List<Finding> failed) {
        return failed.isEmpty() ? QualityReport.Status.OK
                : settings.onFail() == OnFail.FAIL ? QualityReport.Status.FAIL : QualityReport.Status.WARN;
    }

    private Attempt check(Sentence sentence, double speed, Spoken spoken, int index) {
        return new Attempt(spoken.pcm(), checks.failed(sentence.text(), sentence.language(), speed, spoken.pcm(),
                spoken.trace(), index + 1));
    }

    /** The sentences at {@code indices} spoken as {@code take}, a language at a time; the others stay null. */
    private static Spoken[] speakTake(SpeechEngine engine, List<Sentence> sentences, List<Integer> indices, Take take,
                                      Voice voice) throws SynthesisException {
        Map<String, List<Integer>> byLanguage = new LinkedHashMap<>();
        for (int i : indices) {
            byLanguage.computeIfAbsent(sentences.get(i).language(), k -> new ArrayList<>()).add(i);
        }
        Spoken[] spoken = new Spoken[sentences.size()];
        for (Map.Entry<String, List<Integer>> group : byLanguage.entrySet()) {
            Map<Pcm, CodeTrace> traces = new IdentityHashMap<>();
            List<Pcm> pcm = voice.speak(engine.take(take, traces::put),
                    group.getValue().stream().map(i -> sentences.get(i).text()).toList(), group.getKey());
            for (int j = 0; j < pcm.size(); j++) {
                spoken[group.getValue().get(j)] = new Spoken(pcm.get(j), traces.get(pcm.get(j)));
            }
        }
        return spoken;
    }

    /** NaN or infinite samples would turn the whole item's levelling into NaN: kept audio has them as silence. */
    private static Pcm playable(Attempt attempt) {
        if (attempt.failed().stream().noneMatch(f -> f.check() == Check.NON_FINITE)) {
            return attempt.pcm();
        }
        float[] samples = attempt.pcm().samples().clone();
        for (int i = 0; i < samples.length; i++) {
            if (!Float.isFinite(samples[i])) {
                samples[i] = 0;
            }
        }
        return new Pcm(samples, attempt.pcm().sampleRate(), attempt.pcm().words());
    }

    private Map<Check, Map<QualityReport.Outcome, Integer>> tallies(Spoken[] first, Attempt[] firstChecked,
                                                                   Attempt[] kept) {
        Map<Check, Map<QualityReport.Outcome, Integer>> tallies = new EnumMap<>(Check.class);
        for (int i = 0; i < kept.length; i++) {
            tally(tallies, first[i], firstChecked[i], kept[i]);
        }
        return tallies;
    }

    /** Adds one sentence's outcome of each check that applies to it. */
    private void tally(Map<Check, Map<QualityReport.Outcome, Integer>> tallies, Spoken first, Attempt firstChecked,
                       Attempt kept) {
        QualityReport.Outcome stillFailing = settings.onFail() == OnFail.FAIL ? QualityReport.Outcome.FAIL
                : QualityReport.Outcome.WARN;
        for (Check check : SentenceChecks.applicable(first.trace())) {
            boolean failedAtFirst = fails(firstChecked, check);
            QualityReport.Outcome outcome = fails(kept, check) ? stillFailing
                    : failedAtFirst ? QualityReport.Outcome.FIXED : QualityReport.Outcome.PASS;
            tallies.computeIfAbsent(check, c -> new EnumMap<>(QualityReport.Outcome.class)).merge(outcome, 1, Integer::sum);
        }
    }

    private static boolean fails(Attempt attempt, Check check) {
        return attempt.failed().stream().anyMatch(f -> f.check() == check);
    }
}
