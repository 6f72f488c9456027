package io.briefaudio.worker.tts;

import io.briefaudio.shared.audio.codec.FfmpegCodec;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.audio.FileLoudness;
import io.briefaudio.worker.tts.audio.Loudness;
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.audio.RawAudio;
import io.briefaudio.worker.tts.audio.WavFile;
import io.briefaudio.worker.tts.marks.MarkedText;
import io.briefaudio.worker.tts.marks.TimingRecorder;
import io.briefaudio.worker.tts.quality.QualityConfig;
import io.briefaudio.worker.tts.quality.QualityGate;
import io.briefaudio.worker.tts.quality.QualityReport;
import io.briefaudio.worker.tts.quality.QualitySettings;
import io.briefaudio.worker.tts.text.Directives;
import io.briefaudio.worker.tts.text.Lexicon;
import io.briefaudio.worker.tts.text.TextPreparer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an item's text into a finished WAV file with the configured {@link SpeechEngine}: prepared text is
 * split into sentences and chunks under the engine's limit, spoken and checked by the {@link QualityGate}, joined
 * with pauses and levelled. The joined track is built, levelled and written out in files, a block at a time; the heap
 * holds only chunks the gate has not handed on yet (one at a time, unless the engine batches and re-synthesizes).
 * Thread-safe when the engine is.
 */
@ApplicationScoped
public class Narrator {

    private static final Pattern ANY_DIRECTIVE = Pattern.compile("\\{(?:break|lang|ph):[^}]*}");
    private static final int MAX_WARNINGS = 20;

    private final SpeechEngine engine;
    private final NarrationSettings settings;
    private final QualityGate gate;

    public Narrator(SpeechEngine engine) {
        this(engine, NarrationSettings.DEFAULTS);
    }

    public Narrator(SpeechEngine engine, NarrationSettings settings) {
        this(engine, settings, QualityGate.DEFAULT);
    }

    public Narrator(SpeechEngine engine, NarrationSettings settings, QualityGate gate) {
        this.engine = engine;
        this.settings = settings;
        this.gate = gate;
    }

    @Inject
    public Narrator(SpeechEngine engine, TtsConfig config, QualityConfig quality) {
        this(engine, NarrationSettings.from(config.narration()), new QualityGate(QualitySettings.from(quality)));
    }

    public SpeechEngine engine() {
        return engine;
    }

    public NarrationSettings settings() {
        return settings;
    }

    public QualityGate quality() {
        return gate;
    }

    /** Levels audio to the delivered loudness: what every narration and every episode goes through last. */
    public Pcm master(Pcm pcm) {
        return Loudness.normalise(pcm, settings.targetLufs(), settings.truePeakDbtp());
    }

    /** {@link #master(Pcm)} for audio in a raw file (an item, an episode), a block at a time, into the file {@code out}. */
    public void master(Path in, Path out, int sampleRate) throws IOException {
        FileLoudness.normalise(in, out, sampleRate, settings.targetLufs(), settings.truePeakDbtp());
    }

    /** Encodes this narrator's levelled audio so that it stays under the true-peak ceiling once encoded. */
    public Delivery delivery(FfmpegCodec codec) {
        return new Delivery(codec, settings.targetLufs(), settings.truePeakDbtp());
    }

    /** The text exactly as the engine will speak it; equal prepared text means equal audio. */
    public String prepare(String text, String language) {
        return prepare(text, language, Lexicon.EMPTY).text();
    }

    /**
     * Prepared text with the tenant's pronunciations applied, and each phoneme this engine cannot speak replaced by
     * its fallback text; a warning for each phoneme that had no alias to fall back on.
     *
     * @throws IllegalArgumentException when the text is SSML outside the supported subset
     */
    public Prepared prepare(String text, String language, Lexicon lexicon) {
        List<String> warnings = new ArrayList<>();
        return new Prepared(resolvePhonemes(TextPreparer.prepare(text, language, lexicon), language, warnings), warnings);
    }

    /** Prepared text and what the listener will not hear as the writer asked. */
    public record Prepared(String text, List<String> warnings) {
    }

    private String resolvePhonemes(String prepared, String language, List<String> warnings) {
        Matcher m = ANY_DIRECTIVE.matcher(prepared);
        StringBuilder out = new StringBuilder(prepared.length());
        String current = language;
        while (m.find()) {
            String directive = m.group();
            Matcher lang = Directives.LANG.matcher(directive);
            Matcher phoneme = Directives.PHONEME.matcher(directive);
            String kept = directive;
            if (lang.matches()) {
                current = lang.group(1);
            } else if (phoneme.matches()) {
                Directives.Phoneme p = Directives.phoneme(phoneme);
                if (!engine.speaksIpa(p.ipa(), current)) {
                    kept = p.fallback();
                    if (!p.fallbackIsAlias() && warnings.size() < MAX_WARNINGS) {
                        warnings.add("'" + p.fallback() + "' has only an IPA pronunciation (" + p.ipa() + "), which "
                                + engine.name() + " cannot speak in '" + current + "': it was said as written");
                    }
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(kept));
        }
        m.appendTail(out);
        return out.toString();
    }

    public NarratedAudio narrate(String preparedText, VoicePreset voice, String language) throws SynthesisException {
        return narrate(preparedText, voice, language, 0);
    }

    /**
     * Narrates as attempt {@code round} of an item (0 the first): sentences that fail a quality check draw takes of
     * that round, so a retried item tries new ones.
     */
    public NarratedAudio narrate(String preparedText, VoicePreset voice, String language, int round)
            throws SynthesisException {
        return inMemory(work -> narrate(work, preparedText, voice, language, round));
    }

    /** As {@link #narrate(String, VoicePreset, String, int)}, into a WAV file in {@code work}. */
    public NarratedFile narrate(Path work, String preparedText, VoicePreset voice, String language, int round)
            throws SynthesisException {
        return narrate(work, preparedText, language, engine.speed(voice), round,
                (e, chunks, lang) -> e.synthesizeAll(chunks, voice, lang));
    }

    /** Narrates in a cloned voice with the sampling settings of {@code base}. */
    public NarratedAudio narrate(String preparedText, ClonedVoice voice, VoicePreset base, String language)
            throws SynthesisException {
        return narrate(preparedText, voice, base, language, 0);
    }

    /** As {@link #narrate(String, ClonedVoice, VoicePreset, String)}, as attempt {@code round}. */
    public NarratedAudio narrate(String preparedText, ClonedVoice voice, VoicePreset base, String language, int round)
            throws SynthesisException {
        return inMemory(work -> narrate(work, preparedText, voice, base, language, round));
    }

    /** As {@link #narrate(String, ClonedVoice, VoicePreset, String, int)}, into a WAV file in {@code work}. */
    public NarratedFile narrate(Path work, String preparedText, ClonedVoice voice, VoicePreset base, String language,
                                int round) throws SynthesisException {
        return narrate(work, preparedText, language, engine.speed(base), round,
                (e, chunks, lang) -> e.synthesizeAll(chunks, voice, base, lang));
    }

    /** Narrates in one of the engine's own voices ({@code voiceName}: what follows {@code ENGINE:} in the voice id). */
    public NarratedAudio narrateOwnVoice(String preparedText, String voiceName, String language) throws SynthesisException {
        return narrateOwnVoice(preparedText, voiceName, language, 0);
    }

    /** As {@link #narrateOwnVoice(String, String, String)}, as attempt {@code round}; at the default preset's speed. */
    public NarratedAudio narrateOwnVoice(String preparedText, String voiceName, String language, int round)
            throws SynthesisException {
        return inMemory(work -> narrateOwnVoice(work, preparedText, voiceName, language, round));
    }

    /** As {@link #narrateOwnVoice(String, String, String, int)}, into a WAV file in {@code work}. */
    public NarratedFile narrateOwnVoice(Path work, String preparedText, String voiceName, String language, int round)
            throws SynthesisException {
        return narrate(work, preparedText, language, engine.speed(VoicePreset.DEFAULT), round,
                (e, chunks, lang) -> e.synthesizeAll(chunks, voiceName, lang));
    }

    private interface FileNarration {
        NarratedFile run(Path work) throws SynthesisException;
    }

    /** A narration read back into memory from a work directory of its own: for short texts and tests. */
    private static NarratedAudio inMemory(FileNarration narration) throws SynthesisException {
        Path work = null;
        try {
            work = Files.createTempDirectory("narration-");
            NarratedFile file = narration.run(work);
            return new NarratedAudio(Files.readAllBytes(file.wav()), file.sampleRate(), file.durationMillis(),
                    file.timing(), file.quality());
        } catch (IOException e) {
            throw new SynthesisException("narrating through a temporary file failed: " + e, false, e);
        } finally {
            RawAudio.deleteQuietly(work);
        }
    }

    /**
     * For an engine that varies (XTTS) the chunks of one language go to it (or a take of it) at once, so that it decodes
     * them together; others speak one chunk at a time ({@link QualityGate#speak(SpeechEngine, List, double, int,
     * QualityGate.Voice, QualityGate.Sink)}).
     */
    private NarratedFile narrate(Path work, String preparedText, String language, double speed, int round,
                                 QualityGate.Voice voice) throws SynthesisException {
        if (!engine.languages().contains(language)) {
            throw new SynthesisException(engine.name() + " does not speak language '" + language + "'", true);
        }
        MarkedText marked = MarkedText.of(resolvePhonemes(preparedText, language, new ArrayList<>()));
        SpeechPlan plan = SpeechPlan.of(marked.spoken(), language, engine, settings);
        TimingRecorder timing = new TimingRecorder(marked, language);
        List<SpeechPlan.Utterance> utterances = plan.utterances();
        List<QualityGate.Sentence> sentences = utterances.stream()
                .map(u -> new QualityGate.Sentence(u.text(), u.language())).toList();
        Path joined = work.resolve("joined.f32");
        Path levelled = work.resolve("levelled.f32");
        Path wav = work.resolve("narration.wav");
        try {
            SpeechAssembler assembler;
            QualityReport report;
            try (RawAudio.Writer track = new RawAudio.Writer(joined)) {
                assembler = new SpeechAssembler(settings, track);
                assembler.leadingSilence(plan.leadingMillis());
                report = gate.speak(engine, sentences, speed, round, voice, (i, spoken) -> {
                    try {
                        SpeechAssembler.Placement at = assembler.append(spoken, utterances.get(i).pauseAfterMillis());
                        timing.spoken(utterances.get(i).text(), at.startSample(), at.trimmed(), at.length(),
                                spoken.words());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (assembler.isEmpty()) {
                throw new SynthesisException("nothing to say: the text has no words", true);
            }
            int sampleRate = assembler.sampleRate();
            long samples = assembler.length();
            master(joined, levelled, sampleRate);
            Files.delete(joined);
            WavFile.write(levelled, wav, sampleRate);
            Files.delete(levelled);
            return new NarratedFile(wav, sampleRate, samples * 1000L / sampleRate,
                    timing.finish(sampleRate, Math.toIntExact(samples)), report);
        } catch (IOException e) {
            throw new SynthesisException("writing the narration to " + work + " failed: " + e, false, e);
        }
    }
}
