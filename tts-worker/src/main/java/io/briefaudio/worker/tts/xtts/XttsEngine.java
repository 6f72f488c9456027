package io.briefaudio.worker.tts.xtts;

import ai.onnxruntime.OrtException;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.ClonedVoice;
import io.briefaudio.worker.tts.SpeechEngine;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.quality.CodeTrace;
import io.briefaudio.worker.tts.quality.Take;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;

/**
 * Coqui XTTS v2 through ONNX Runtime, from a directory exported by tools/xtts-export. One engine holds one
 * ORT environment and session set and one {@link XttsScheduler}: every thread's syntheses are decoded together
 * in one batch. The output is under the CPML's non-commercial terms when real XTTS weights are loaded.
 */
public final class XttsEngine implements SpeechEngine, AutoCloseable {

    private final XttsModel model;
    private final XttsText text;
    private final GptDecoder gpt;
    private final HifiGanDecoder decoder;
    private final Map<VoicePreset, XttsPresets.PresetVoice> presets;
    private final XttsScheduler scheduler;
    private final int maxBatch;
    private volatile ToIntFunction<String> codeCap;
    private volatile XttsCloning cloning = XttsCloning.none();

    private static final BiConsumer<Pcm, CodeTrace> NO_TRACES = (pcm, trace) -> { };
    /** Take n's seeds are the usual ones XOR n times this odd constant (the golden ratio's), so takes never collide. */
    private static final long SEED_STRIDE = 0x9E3779B97F4A7C15L;
    /** The coolest a re-synthesis samples: colder than this, XTTS drones. */
    static final double MIN_TEMPERATURE = 0.1;

    /** Rows decoded together when nothing else is configured; see bench/README.md for how it was chosen. */
    public static final int DEFAULT_MAX_BATCH = 16;

    XttsEngine(XttsModel model, Map<VoicePreset, XttsPresets.PresetVoice> presets, int maxCodes) throws IOException {
        this(model, presets, maxCodes, DEFAULT_MAX_BATCH);
    }

    XttsEngine(XttsModel model, Map<VoicePreset, XttsPresets.PresetVoice> presets, int maxCodes, int maxBatch)
            throws IOException {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("the XTTS batch must hold at least one sentence, was " + maxBatch);
        }
        this.model = model;
        this.text = new XttsText(model.tokenizerFile(), model.manifest());
        this.gpt = new GptDecoder(model);
        this.decoder = new HifiGanDecoder(model);
        this.presets = Map.copyOf(presets);
        this.codeCap = input -> maxCodes;
        this.maxBatch = maxBatch;
        for (var p : presets.values()) {
            model.speaker(p.speaker()); // fail at start-up, not on the first item
        }
        GptBatch batch = new GptBatch(model, gpt, maxBatch);
        // Allocated now, at its full size, so a worker without the memory fails at start-up, not on its first item.
        String tooBig = String.format(Locale.ROOT, "briefaudio.tts.xtts.max-batch=%d needs a %.1f GB KV cache in direct "
                + "memory, but the JVM allows %.1f GB: start it with -XX:MaxDirectMemorySize=%dg (e.g. in JAVA_OPTS) or "
                + "lower max-batch (docs/operations.md)", maxBatch, batch.cacheBytes() / 1e9, DirectMemory.limit() / 1e9,
                (long) Math.ceil(batch.cacheBytes() / (double) (1L << 30)) + 1);
        if (batch.cacheBytes() > DirectMemory.limit()) {
            throw new IOException(tooBig);
        }
        try {
            batch.allocateCache();
        } catch (OutOfMemoryError e) {
            throw new IOException(tooBig + " (" + e.getMessage() + ")", e);
        }
        this.scheduler = new XttsScheduler(batch, decoder, model.manifest().dims().stopAudio());
    }

    /** Loads and validates {@code modelDir}; {@code intraOpThreads} threads per ORT run. */
    public static XttsEngine load(Path modelDir, int intraOpThreads) throws IOException {
        return load(modelDir, intraOpThreads, DEFAULT_MAX_BATCH, Map.of());
    }

    /** As {@link #load(Path, int)}, with configured changes to the presets (keyed by preset id). */
    public static XttsEngine load(Path modelDir, int intraOpThreads, Map<String, XttsPresets.Override> overrides)
            throws IOException {
        return load(modelDir, intraOpThreads, DEFAULT_MAX_BATCH, overrides);
    }

    /**
     * As {@link #load(Path, int)}, decoding up to {@code maxBatch} sentences together, with configured changes
     * to the presets (keyed by preset id).
     */
    public static XttsEngine load(Path modelDir, int intraOpThreads, int maxBatch,
                                  Map<String, XttsPresets.Override> overrides) throws IOException {
        return load(modelDir, intraOpThreads, maxBatch, overrides, XttsPrecision.FP32);
    }

    /** As {@link #load(Path, int, int, Map)}, running the GPT graph of {@code precision} (fp32 or the int8 extra). */
    public static XttsEngine load(Path modelDir, int intraOpThreads, int maxBatch,
                                  Map<String, XttsPresets.Override> overrides, XttsPrecision precision) throws IOException {
        XttsModel model = XttsModel.load(modelDir, intraOpThreads, precision);
        try {
            var presets = XttsPresets.withOverrides(XttsPresets.defaults(model.manifest().sampling()), overrides);
            XttsEngine engine = new XttsEngine(model, presets, model.manifest().dims().maxGenCodes(), maxBatch);
            try {
                engine.cloning = XttsCloning.load(modelDir, model, intraOpThreads);
            } catch (OrtException e) {
                engine.scheduler.close();
                throw new IOException("ONNX Runtime options: " + e.getMessage(), e);
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

    /** The Coqui Public Model License: non-commercial use of the model and of its output only. */
    @Override
    public String license() {
        return "CPML";
    }

    /**
     * The checkpoint hash, the precision when not fp32 (with a fingerprint of how the int8 graph was made) and a
     * fingerprint of the presets, so audio made by other weights, another precision or other preset settings never
     * shares a cache key. The fp32 form is unchanged from before int8 existed, so its cached audio stays valid.
     */
    @Override
    public String modelVersion() {
        String c = model.manifest().checkpoint();
        String precision = model.precision() == XttsPrecision.FP32 ? ""
                : "/" + model.precision().id() + "-" + fingerprint(new java.util.TreeMap<>(model.int8Scheme()));
        return "xtts-v2/" + (c.startsWith("sha256:") ? c.substring(7, 19) : c) + precision
                + "/presets-" + fingerprint(new java.util.TreeMap<>(presets));
    }

    /** Which GPT graph runs: fp32 (default) or the int8 extra. */
    public XttsPrecision precision() {
        return model.precision();
    }

    private static String fingerprint(Map<?, ?> sorted) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    sorted.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
        return synthesizeAll(List.of(input), voice, language).get(0);
    }

    /** All chunks are queued at once, so the sentences of one item share the batch. */
    @Override
    public List<Pcm> synthesizeAll(List<String> inputs, VoicePreset voice, String language) throws SynthesisException {
        return synthesizeAll(inputs, voice, language, Take.FIRST, NO_TRACES);
    }

    List<Pcm> synthesizeAll(List<String> inputs, VoicePreset voice, String language, Take take,
                            BiConsumer<Pcm, CodeTrace> traces) throws SynthesisException {
        XttsPresets.PresetVoice preset = presets.get(voice);
        // Same text, voice and language give the same audio: the seed comes from them, per sentence.
        return synthesizeAll(inputs, language, model.speaker(preset.speaker()), preset,
                input -> ((long) input.hashCode() << 32) ^ (voice.ordinal() * 31L + language.hashCode()), take, traces);
    }

    /** The studio speakers of the model directory, as {@code xtts:NAME}. */
    @Override
    public List<String> voices() {
        return model.speakerNames().stream().sorted().toList();
    }

    /** A studio speaker by name, with the sampling settings and speed of the default preset. */
    @Override
    public List<Pcm> synthesizeAll(List<String> inputs, String speakerName, String language) throws SynthesisException {
        return synthesizeAll(inputs, speakerName, language, Take.FIRST, NO_TRACES);
    }

    List<Pcm> synthesizeAll(List<String> inputs, String speakerName, String language, Take take,
                            BiConsumer<Pcm, CodeTrace> traces) throws SynthesisException {
        Speaker speaker;
        try {
            speaker = model.speaker(speakerName);
        } catch (IllegalArgumentException e) {
            throw new SynthesisException("xtts has no voice '" + speakerName + "'; its voices are " + voices(), true);
        }
        return synthesizeAll(inputs, language, speaker, presets.get(VoicePreset.DEFAULT),
                input -> ((long) input.hashCode() << 32) ^ (speakerName.hashCode() * 31L + language.hashCode()), take,
                traces);
    }

    /** A cloned voice speaks with the sampling settings and speed of {@code base}; its sentences share the batch. */
    @Override
    public List<Pcm> synthesizeAll(List<String> inputs, ClonedVoice voice, VoicePreset base, String language)
            throws SynthesisException {
        return synthesizeAll(inputs, voice, base, language, Take.FIRST, NO_TRACES);
    }

    List<Pcm> synthesizeAll(List<String> inputs, ClonedVoice voice, VoicePreset base, String language, Take take,
                            BiConsumer<Pcm, CodeTrace> traces) throws SynthesisException {
        return synthesizeAll(inputs, language, XttsCloning.speaker(voice, model.manifest().dims()), presets.get(base),
                XttsCloning.seeds(voice, language), take, traces);
    }

    @Override
    public Pcm synthesize(String input, ClonedVoice voice, VoicePreset base, String language) throws SynthesisException {
        return synthesizeAll(List.of(input), voice, base, language).get(0);
    }

    /** XTTS samples: another take draws other codes. */
    @Override
    public boolean varies() {
        return true;
    }

    @Override
    public double speed(VoicePreset voice) {
        return presets.get(voice).speed();
    }

    /** Another seed per sentence and, when the take says so, a cooler temperature; its codes go to {@code traces}. */
    @Override
    public SpeechEngine take(Take take, BiConsumer<Pcm, CodeTrace> traces) {
        return new XttsTake(this, take, traces);
    }

    private List<Pcm> synthesizeAll(List<String> inputs, String language, Speaker speaker,
                                    XttsPresets.PresetVoice preset, java.util.function.ToLongFunction<String> seeds,
                                    Take take, BiConsumer<Pcm, CodeTrace> traces) throws SynthesisException {
        Sampling sampling = preset.sampling();
        if (take.coolerBy() > 0 && !sampling.greedy()) {
            sampling = sampling.withTemperature(Math.max(MIN_TEMPERATURE, sampling.temperature() - take.coolerBy()));
        }
        // All at once: the scheduler seats the longest waiting sentences first, across every item in flight.
        Pending[] queued = new Pending[inputs.size()];
        try {
            for (int i = 0; i < inputs.size(); i++) {
                String input = inputs.get(i);
                long seed = seeds.applyAsLong(input) ^ (take.seed() * SEED_STRIDE);
                queued[i] = submit(input, language, speaker, preset, sampling, codeCap.applyAsInt(input),
                        new SplittableRandom(seed));
            }
        } catch (SynthesisException | RuntimeException e) {
            Arrays.stream(queued).filter(Objects::nonNull).forEach(p -> p.future().cancel(false));
            throw e;
        }
        List<Pending> all = Arrays.asList(queued);
        List<Pcm> out = new ArrayList<>();
        for (var pending : all) {
            XttsScheduler.Done done = done(pending, all);
            Pcm pcm = new Pcm(done.samples(), model.manifest().sampleRates().output());
            traces.accept(pcm, trace(done.generation(), preset.speed()));
            out.add(pcm);
        }
        return out;
    }

    private CodeTrace trace(GptDecoder.Generation g, double speed) {
        int[] codes = g.stopped() ? Arrays.copyOf(g.codes(), g.codes().length - 1) : g.codes();
        XttsManifest m = model.manifest();
        return new CodeTrace(codes, g.stopped(), m.dims().maxGenCodes(),
                m.codeStride() / (double) m.sampleRates().input() / speed);
    }

    Pcm synthesize(String input, String language, XttsPresets.PresetVoice preset, SplittableRandom random)
            throws SynthesisException {
        var done = submit(input, language, model.speaker(preset.speaker()), preset, preset.sampling(),
                codeCap.applyAsInt(input), random);
        return await(done, List.of(done)).pcm();
    }

    /** True when the model directory has the voice-cloning graphs (cloning.json). */
    @Override
    public boolean canClone() {
        return cloning.canClone();
    }

    @Override
    public boolean acceptsClipRate(int sampleRate) {
        return cloning.acceptsClipRate(sampleRate);
    }

    @Override
    public ClonedVoice cloneVoice(float[] samples, int sampleRate) throws SynthesisException {
        return cloning.cloneVoice(samples, sampleRate, modelVersion());
    }

    VoiceCloner cloner() {
        return cloning.cloner();
    }

    /**
     * Benchmarks only: random weights rarely draw the stop code, so a benchmark caps each chunk at the codes
     * its text would take when spoken (the 602-code cap still applies).
     */
    public void capCodes(ToIntFunction<String> codesForText) {
        this.codeCap = codesForText;
    }

    /** Benchmarks only: refill the batch only when it has drained (static batching) instead of continuously. */
    public void staticBatching(boolean on) {
        scheduler.staticBatching(on);
    }

    public int maxBatch() {
        return maxBatch;
    }

    /** Time the decoder spent in prefills, batched steps and HiFi-GAN since start-up. */
    public XttsScheduler.Stats stats() {
        return scheduler.stats();
    }

    /** The KV cache's allocations and their time since start-up, for benchmarks and diagnostics. */
    public XttsScheduler.CacheStats cacheStats() {
        return scheduler.cacheStats();
    }

    /** One synthesis with stage timings, for benchmarks and diagnostics. */
    public record Profile(int textTokens, int codes, boolean stopped, long prefillNanos, long decodeNanos,
                          long hifiganNanos, Pcm pcm) {
    }

    /** Like {@link #synthesize} with explicit sampling and code cap, timing each stage. */
    public Profile profile(String input, String language, VoicePreset voice, Sampling sampling, int codeCap)
            throws SynthesisException {
        XttsPresets.PresetVoice preset = presets.get(voice);
        var done = submit(input, language, model.speaker(preset.speaker()), preset, sampling, codeCap,
                new SplittableRandom(1));
        return await(done, List.of(done));
    }

    /** Times batched greedy decoding on the calling thread, outside the scheduler (benchmarks). */
    public GptBatchProfile profileBatch(String input, String language, VoicePreset voice, int rows, int codes)
            throws SynthesisException {
        return GptBatchProfile.measure(model, gpt, model.speaker(presets.get(voice).speaker()),
                text.encode(input, language), rows, codes);
    }

    private Pending submit(String input, String language, Speaker speaker, XttsPresets.PresetVoice preset,
                           Sampling sampling, int codeCap, SplittableRandom random)
            throws SynthesisException {
        int[] ids = text.encode(input, language);
        var row = gpt.newRow(speaker, ids, sampling, codeCap, random);
        return new Pending(ids.length, scheduler.submit(row, speaker.embedding(), preset.speed()));
    }

    private record Pending(int textTokens, CompletableFuture<XttsScheduler.Done> future) {
    }

    private Profile await(Pending pending, List<Pending> all) throws SynthesisException {
        XttsScheduler.Done d = done(pending, all);
        var g = d.generation();
        return new Profile(pending.textTokens(), g.codes().length, g.stopped(), g.prefillNanos(), g.decodeNanos(),
                d.hifiganNanos(), new Pcm(d.samples(), model.manifest().sampleRates().output()));
    }

    private XttsScheduler.Done done(Pending pending, List<Pending> all) throws SynthesisException {
        try {
            return pending.future().get();
        } catch (InterruptedException e) {
            all.forEach(p -> p.future().cancel(false));
            Thread.currentThread().interrupt();
            throw new SynthesisException("interrupted while waiting for the XTTS batch", false, e);
        } catch (ExecutionException e) {
            all.forEach(p -> p.future().cancel(false));
            Throwable cause = e.getCause();
            throw new SynthesisException("XTTS decoding failed: " + cause.getMessage(), false, cause);
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
        scheduler.close();
        cloning.close();
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
