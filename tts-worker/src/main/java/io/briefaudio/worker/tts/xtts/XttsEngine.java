package io.briefaudio.worker.tts.xtts;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.ClonedVoice;
import io.briefaudio.worker.tts.Pcm;
import io.briefaudio.worker.tts.SpeechEngine;
import io.briefaudio.worker.tts.SynthesisException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Coqui XTTS v2 through ONNX Runtime, from a directory exported by tools/xtts-export. One engine holds one
 * ORT environment and session set shared by all threads ({@code run()} is thread-safe; every call keeps its
 * own KV cache). The output is under the CPML's non-commercial terms when real XTTS weights are loaded.
 */
public final class XttsEngine implements SpeechEngine, AutoCloseable {

    private final XttsModel model;
    private final XttsText text;
    private final GptDecoder gpt;
    private final HifiGanDecoder decoder;
    private final Map<VoicePreset, XttsPresets.PresetVoice> presets;
    private final int maxCodes;
    private volatile VoiceCloner cloner;

    XttsEngine(XttsModel model, Map<VoicePreset, XttsPresets.PresetVoice> presets, int maxCodes) throws IOException {
        this.model = model;
        this.text = new XttsText(model.tokenizerFile(), model.manifest());
        this.gpt = new GptDecoder(model);
        this.decoder = new HifiGanDecoder(model);
        this.presets = Map.copyOf(presets);
        this.maxCodes = maxCodes;
        for (var p : presets.values()) {
            model.speaker(p.speaker()); // fail at start-up, not on the first item
        }
    }

    /** Loads and validates {@code modelDir}; {@code intraOpThreads} threads per ORT run. */
    public static XttsEngine load(Path modelDir, int intraOpThreads) throws IOException {
        return load(modelDir, intraOpThreads, Map.of());
    }

    /** As {@link #load(Path, int)}, with configured changes to the presets (keyed by preset id). */
    public static XttsEngine load(Path modelDir, int intraOpThreads, Map<String, XttsPresets.Override> overrides)
            throws IOException {
        XttsModel model = XttsModel.load(modelDir, intraOpThreads);
        try {
            var presets = XttsPresets.withOverrides(XttsPresets.defaults(model.manifest().sampling()), overrides);
            XttsEngine engine = new XttsEngine(model, presets, model.manifest().dims().maxGenCodes());
            if (VoiceCloner.present(modelDir)) {
                try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                    options.setIntraOpNumThreads(Math.max(1, intraOpThreads));
                    options.setInterOpNumThreads(1);
                    engine.cloner = VoiceCloner.load(modelDir, model.env, options);
                } catch (OrtException e) {
                    throw new IOException("ONNX Runtime options: " + e.getMessage(), e);
                }
            }
            return engine;
        } catch (IOException e) {
            closeQuietly(model);
            throw e;
        } catch (IllegalArgumentException e) { // a preset names a voice the directory lacks
            closeQuietly(model);
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "xtts-v2";
    }

    /**
     * The checkpoint hash and a fingerprint of the presets, so audio made by other weights or other preset
     * settings never shares a cache key.
     */
    @Override
    public String modelVersion() {
        String c = model.manifest().checkpoint();
        return "xtts-v2/" + (c.startsWith("sha256:") ? c.substring(7, 19) : c) + "/presets-" + fingerprint(presets);
    }

    private static String fingerprint(Map<VoicePreset, XttsPresets.PresetVoice> presets) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    new java.util.TreeMap<>(presets).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Set<String> languages() {
        return text.languages();
    }

    @Override
    public int maxChunkChars(String language) {
        return text.charLimit(language);
    }

    @Override
    public Pcm synthesize(String input, VoicePreset voice, String language) throws SynthesisException {
        XttsPresets.PresetVoice preset = presets.get(voice);
        // Same text, voice and language give the same audio: the seed comes from them.
        long seed = ((long) input.hashCode() << 32) ^ (voice.ordinal() * 31L + language.hashCode());
        return synthesize(input, language, preset, new SplittableRandom(seed));
    }

    Pcm synthesize(String input, String language, XttsPresets.PresetVoice preset, SplittableRandom random)
            throws SynthesisException {
        return run(input, language, model.speaker(preset.speaker()), preset, preset.sampling(), maxCodes, random).pcm();
    }

    /** True when the model directory has the voice-cloning graphs (cloning.json). */
    @Override
    public boolean canClone() {
        return cloner != null;
    }

    @Override
    public boolean acceptsClipRate(int sampleRate) {
        return cloner == null || cloner.acceptsRate(sampleRate);
    }

    @Override
    public ClonedVoice cloneVoice(float[] samples, int sampleRate) throws SynthesisException {
        if (cloner == null) {
            throw new SynthesisException("this XTTS model directory has no voice-cloning graphs; re-export it", true);
        }
        if (!cloner.acceptsRate(sampleRate)) {
            throw new SynthesisException("cannot resample " + sampleRate + " Hz clips in Java", true);
        }
        try {
            float[][] both = cloner.clone(samples, sampleRate);
            return new ClonedVoice(modelVersion(), both[0], both[1]);
        } catch (OrtException e) {
            throw new SynthesisException("ONNX Runtime failed on the clip: " + e.getMessage(), false, e);
        } catch (IllegalArgumentException e) {
            throw new SynthesisException(e.getMessage(), true, e);
        }
    }

    /** A cloned voice speaks with the sampling settings and speed of {@code base}. */
    @Override
    public Pcm synthesize(String input, ClonedVoice voice, VoicePreset base, String language) throws SynthesisException {
        int width = model.manifest().dims().condLatents() * model.manifest().dims().modelDim();
        if (voice.condLatent().length != width || voice.speakerEmbedding().length != model.manifest().dims().speakerDim()) {
            throw new SynthesisException("the voice's embeddings do not fit this model; prepare it again", true);
        }
        XttsPresets.PresetVoice preset = presets.get(base);
        long seed = ((long) input.hashCode() << 32) ^ (java.util.Arrays.hashCode(voice.speakerEmbedding()) * 31L
                + language.hashCode());
        return run(input, language, new Speaker("cloned", voice.condLatent(), voice.speakerEmbedding()), preset,
                preset.sampling(), maxCodes, new SplittableRandom(seed)).pcm();
    }

    VoiceCloner cloner() {
        return cloner;
    }

    /** One synthesis with stage timings, for benchmarks and diagnostics. */
    public record Profile(int textTokens, int codes, boolean stopped, long prefillNanos, long decodeNanos,
                          long hifiganNanos, Pcm pcm) {
    }

    /** Like {@link #synthesize} with explicit sampling and code cap, timing each stage. */
    public Profile profile(String input, String language, VoicePreset voice, Sampling sampling, int codeCap)
            throws SynthesisException {
        XttsPresets.PresetVoice preset = presets.get(voice);
        return run(input, language, model.speaker(preset.speaker()), preset, sampling, codeCap, new SplittableRandom(1));
    }

    private Profile run(String input, String language, Speaker speaker, XttsPresets.PresetVoice preset,
                        Sampling sampling, int codeCap, SplittableRandom random) throws SynthesisException {
        int[] ids = text.encode(input, language);
        try {
            GptDecoder.Generation g = gpt.generate(speaker, ids, sampling, codeCap, random);
            long t0 = System.nanoTime();
            float[] samples = decoder.decode(g.latents(), speaker.embedding(), preset.speed());
            long hifigan = System.nanoTime() - t0;
            return new Profile(ids.length, g.codes().length, g.stopped(), g.prefillNanos(), g.decodeNanos(), hifigan,
                    new Pcm(samples, model.manifest().sampleRates().output()));
        } catch (OrtException e) {
            throw new SynthesisException("ONNX Runtime failed: " + e.getMessage(), false, e);
        }
    }

    XttsModel model() {
        return model;
    }

    GptDecoder gpt() {
        return gpt;
    }

    HifiGanDecoder decoder() {
        return decoder;
    }

    XttsText text() {
        return text;
    }

    @Override
    public void close() throws OrtException {
        if (cloner != null) {
            cloner.close();
        }
        text.close();
        model.close();
    }

    private static void closeQuietly(XttsModel model) {
        try {
            model.close();
        } catch (OrtException ignored) {
            // already failing; the original error matters
        }
    }
}
