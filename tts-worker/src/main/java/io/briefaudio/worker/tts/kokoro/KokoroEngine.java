package io.briefaudio.worker.tts.kokoro;

import ai.onnxruntime.OrtException;
import io.briefaudio.shared.voices.KokoroLanguage;
import io.briefaudio.shared.voices.KokoroVoiceMix;
import io.briefaudio.shared.voices.UnsupportedLanguageException;
import io.briefaudio.shared.voices.VoiceMixException;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.SpeechEngine;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.espeak.EspeakProgram;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kokoro-82M through ONNX Runtime: text to phonemes with {@link KokoroPhonemizer}, each chunk of at most 510
 * phonemes through the graph with its voice's style row, 24 kHz out. Voices are the model directory's packs
 * ({@code kokoro:NAME}), mixes of them, and the five presets ({@link KokoroPresets}). Thread-safe.
 */
public final class KokoroEngine implements SpeechEngine, AutoCloseable {

    public static final int SAMPLE_RATE = 24_000;
    public static final double MIN_SPEED = 0.5;
    public static final double MAX_SPEED = 2.0;
    /** Narrator chunks are sentences; a sentence over the phoneme cap is cut at clause marks by the phonemizer. */
    static final int MAX_CHUNK_CHARS = 2_000;
    private static final int MAX_CACHED_MIXES = 64;

    /** What start-up reads from {@code briefaudio.tts.kokoro.*}. */
    public record Settings(String precision, int intraOpThreads, double speed, int maxPhonemes,
                           Map<String, String> presets) {

        public static final Settings DEFAULTS = new Settings("fp32", 2, 1.0, KokoroVocabulary.MAX_PHONEMES, Map.of());
    }

    private final KokoroModel model;
    private final KokoroPhonemizer phonemizer;
    private final KokoroPresets presets;
    private final String espeakVersion;
    private final float speed;
    private final int maxPhonemes;
    private final Map<String, float[]> mixes = new ConcurrentHashMap<>();

    private KokoroEngine(KokoroModel model, EspeakProgram espeak, KokoroPresets presets, Settings settings) {
        this.model = model;
        this.phonemizer = new KokoroPhonemizer(espeak, model.vocabulary());
        this.presets = presets;
        this.espeakVersion = espeak.version();
        this.speed = (float) settings.speed();
        this.maxPhonemes = settings.maxPhonemes();
    }

    /**
     * Loads and checks {@code modelDir}.
     *
     * @throws IOException naming the file and what was expected when the directory is incomplete or wrong, or a
     *                     setting cannot be used with it
     */
    public static KokoroEngine load(Path modelDir, EspeakProgram espeak, Settings settings) throws IOException {
        if (!(settings.speed() >= MIN_SPEED && settings.speed() <= MAX_SPEED)) {
            throw new IOException("briefaudio.tts.kokoro.speed=" + settings.speed() + " is outside " + MIN_SPEED
                    + " to " + MAX_SPEED);
        }
        if (settings.maxPhonemes() < 1 || settings.maxPhonemes() > KokoroVocabulary.MAX_PHONEMES) {
            throw new IOException("briefaudio.tts.kokoro.max-phonemes=" + settings.maxPhonemes() + " is outside 1 to "
                    + KokoroVocabulary.MAX_PHONEMES);
        }
        KokoroModel model = KokoroModel.load(modelDir, settings.precision().toLowerCase(Locale.ROOT),
                settings.intraOpThreads());
        try {
            if (model.graph().intSpeed() && settings.speed() != Math.rint(settings.speed())) {
                throw new IOException(model.graph().file() + " takes speed as int32, which speaks whole speeds only, but "
                        + "briefaudio.tts.kokoro.speed=" + settings.speed() + "; use a graph with a float32 speed input "
                        + "(onnx-community's or tools/kokoro-export's) or a whole speed");
            }
            KokoroPresets presets;
            try {
                presets = KokoroPresets.of(settings.presets(), model.voices().keySet());
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage() + " (voices in " + modelDir + ": "
                        + String.join(", ", model.voices().keySet()) + ")", e);
            }
            return new KokoroEngine(model, espeak, presets, settings);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "kokoro-82m";
    }

    /** Weights, vocabulary and voices (one digest), eSpeak NG's version, the speed and the presets. */
    @Override
    public String modelVersion() {
        return "kokoro-82m/" + model.digest() + "/espeak-" + espeakVersion + "/speed-" + speed + "/max-" + maxPhonemes
                + "/presets-" + Integer.toHexString(presets.fingerprint().hashCode());
    }

    /** briefaudio.tts.kokoro.speed, the same for every voice. */
    @Override
    public double speed(VoicePreset voice) {
        return speed;
    }

    @Override
    public Set<String> languages() {
        return KokoroLanguage.BRIEF_LANGUAGES;
    }

    @Override
    public int maxChunkChars(String language) {
        return MAX_CHUNK_CHARS;
    }

    /** The model's voices by name, as {@code kokoro:NAME} speaks them. */
    public Set<String> voiceNames() {
        return model.voices().keySet();
    }

    /** The licence of the weights and voices, as the manifest names it ({@code Apache-2.0} when there is none). */
    @Override
    public String license() {
        return model.license();
    }

    /** Whether the graph gives each token's frames ({@code duration}), from which word timings can be read. */
    public boolean hasDurations() {
        return model.graph().hasDurations();
    }

    @Override
    public Pcm synthesize(String text, VoicePreset voice, String language) throws SynthesisException {
        return speak(text, presets.voice(voice, language), language);
    }

    @Override
    public List<String> voices() {
        return model.voices().keySet().stream().sorted().toList();
    }

    /** Lexicon and SSML IPA is spoken as given when each of its phones is one the model knows. */
    @Override
    public boolean speaksIpa(String ipa, String language) {
        KokoroLanguage reading;
        try {
            reading = KokoroLanguage.forBrief(language, KokoroLanguage.AMERICAN_ENGLISH);
        } catch (UnsupportedLanguageException e) {
            return false;
        }
        return phonemizer.speaksIpa(ipa, reading);
    }

    /** {@code voiceName}: a Kokoro voice or mix as written after {@code kokoro:} ({@code af_bella+af_sky}). */
    @Override
    public List<Pcm> synthesizeAll(List<String> texts, String voiceName, String language) throws SynthesisException {
        KokoroVoiceMix mix;
        try {
            mix = KokoroVoiceMix.parse(KokoroVoiceMix.PREFIX + voiceName);
        } catch (IllegalArgumentException e) {
            throw new SynthesisException(e.getMessage(), true, e);
        }
        List<Pcm> out = new ArrayList<>();
        for (String text : texts) {
            out.add(speak(text, mix, language));
        }
        return out;
    }

    private Pcm speak(String text, KokoroVoiceMix mix, String language) throws SynthesisException {
        KokoroLanguage reading;
        float[] pack;
        try {
            reading = KokoroLanguage.forBrief(language, mix.language());
            pack = pack(mix);
        } catch (UnsupportedLanguageException | VoiceMixException e) {
            throw new SynthesisException(e.getMessage(), true, e);
        }
        List<float[]> parts = new ArrayList<>();
        List<Pcm.Word> words = new ArrayList<>();
        int total = 0;
        for (PhonemeChunk chunk : phonemizer.phonemize(text, reading, maxPhonemes)) {
            KokoroGraph.Output spoken = run(chunk, pack);
            if (spoken.durations() != null) {
                words.addAll(KokoroWordTimes.of(text, chunk, spoken.durations(), total));
            }
            parts.add(spoken.waveform());
            total += spoken.waveform().length;
        }
        float[] out = new float[total];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return new Pcm(out, SAMPLE_RATE, words);
    }

    private KokoroGraph.Output run(PhonemeChunk chunk, float[] pack) throws SynthesisException {
        long[] ids = model.vocabulary().inputIds(chunk.phonemes());
        KokoroGraph.Output out;
        try {
            out = model.graph().run(ids, KokoroStyle.style(pack, chunk.phonemeCount()), speed);
        } catch (OrtException e) {
            throw new SynthesisException("Kokoro graph failed on " + ids.length + " ids: " + e.getMessage(), false, e);
        }
        float[] samples = out.waveform();
        if (out.durations() != null) {
            long frames = 0;
            for (long d : out.durations()) {
                frames += d;
            }
            if (frames * KokoroGraph.SAMPLES_PER_FRAME != samples.length) {
                throw new SynthesisException("Kokoro graph gave " + samples.length + " samples for " + frames
                        + " frames, expected " + KokoroGraph.SAMPLES_PER_FRAME + " per frame", true);
            }
        }
        for (int i = 0; i < samples.length; i++) {
            float v = samples[i];
            if (!Float.isFinite(v)) {
                throw new SynthesisException("Kokoro graph gave a sample that is not a number", true);
            }
            samples[i] = Math.max(-1f, Math.min(1f, v));
        }
        return out;
    }

    /** The style pack of a mix, blended once per distinct mix and kept (a few dozen at most). */
    private float[] pack(KokoroVoiceMix mix) {
        float[] cached = mixes.get(mix.id());
        if (cached != null) {
            return cached;
        }
        float[] blended = VoiceBlend.blend(mix, model.voices());
        if (mixes.size() < MAX_CACHED_MIXES) {
            mixes.put(mix.id(), blended);
        }
        return blended;
    }

    @Override
    public void close() {
        model.close();
    }
}
