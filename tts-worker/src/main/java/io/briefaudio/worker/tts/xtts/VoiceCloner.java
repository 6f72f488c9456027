package io.briefaudio.worker.tts.xtts;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reference clip to XTTS voice (docs/spec §3): resample to 22.05 kHz, clip to ±1, keep {@code maxRefSeconds};
 * GPT latents from the cond_encoder graph per chunk of the 22.05 kHz power mel spectrogram, averaged; speaker
 * embedding from the speaker_encoder graph on the pre-emphasised 16 kHz mel spectrogram. Thread-safe.
 */
public final class VoiceCloner implements AutoCloseable {

    static final String FILE = "cloning.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final CloningSpec spec;
    private final OrtEnvironment env;
    private final OrtSession condEncoder;
    private final OrtSession speakerEncoder;
    private final MelSpectrogram condMel;
    private final MelSpectrogram speakerMel;

    private VoiceCloner(CloningSpec spec, OrtEnvironment env, OrtSession cond, OrtSession speaker, MelSpectrogram condMel,
                        MelSpectrogram speakerMel) {
        this.spec = spec;
        this.env = env;
        this.condEncoder = cond;
        this.speakerEncoder = speaker;
        this.condMel = condMel;
        this.speakerMel = speakerMel;
    }

    static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /** Loads only the cloning part of a model directory, for benchmarks; {@code threads} intra-op threads per run. */
    public static VoiceCloner open(Path dir, int threads) throws IOException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, threads));
            return load(dir, OrtEnvironment.getEnvironment(), options);
        } catch (OrtException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    static VoiceCloner load(Path dir, OrtEnvironment env, OrtSession.SessionOptions options) throws IOException {
        CloningSpec s;
        try {
            s = JSON.readValue(dir.resolve(FILE).toFile(), CloningSpec.class);
        } catch (IOException e) {
            throw new IOException("unreadable " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
        if (s.formatVersion() != CloningSpec.FORMAT_VERSION || s.files() == null || s.tables() == null
                || s.settings() == null || s.condMel() == null || s.speakerMel() == null) {
            throw new IOException(dir.resolve(FILE) + " is not cloning format " + CloningSpec.FORMAT_VERSION
                    + " — re-export with the matching tools/xtts-export");
        }
        for (String name : new String[] {s.files().condEncoder(), s.files().speakerEncoder(), s.files().constants()}) {
            if (name == null || !Files.isRegularFile(dir.resolve(name))) {
                throw new IOException("XTTS model directory " + dir + " is missing " + name);
            }
        }
        FloatBuffer constants = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(s.files().constants())))
                .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        try {
            MelSpectrogram condMel = new MelSpectrogram(s.condMel(), table(constants, s, "cond_window"),
                    table(constants, s, "cond_filterbank"));
            MelSpectrogram speakerMel = new MelSpectrogram(s.speakerMel(), table(constants, s, "speaker_window"),
                    table(constants, s, "speaker_filterbank"));
            OrtSession cond = env.createSession(dir.resolve(s.files().condEncoder()).toString(), options);
            OrtSession speaker = env.createSession(dir.resolve(s.files().speakerEncoder()).toString(), options);
            return new VoiceCloner(s, env, cond, speaker, condMel, speakerMel);
        } catch (OrtException | IllegalArgumentException e) {
            throw new IOException("cannot load the voice-cloning graphs in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static float[] table(FloatBuffer all, CloningSpec s, String name) throws IOException {
        XttsManifest.Table t = s.tables().get(name);
        if (t == null || t.offset() + (long) t.rows() * t.cols() > all.capacity()) {
            throw new IOException("cloning constants lack table " + name);
        }
        float[] out = new float[t.rows() * t.cols()];
        all.get(Math.toIntExact(t.offset()), out);
        return out;
    }

    public CloningSpec spec() {
        return spec;
    }

    /** Whether clips at {@code sampleRate} can be resampled here; other rates must be converted (ffmpeg) first. */
    public boolean acceptsRate(int sampleRate) {
        var st = spec.settings();
        return Resampler.supports(sampleRate, spec.condMel().sampleRate(), st.resampleWidth(), st.resampleRolloff());
    }

    /** Mono samples at {@code sampleRate} to {gpt_cond_latent [32×D], speaker_embedding [S]}, with the model's settings. */
    public float[][] clone(float[] samples, int sampleRate) throws OrtException {
        return clone(samples, sampleRate, spec.settings());
    }

    float[][] clone(float[] samples, int sampleRate, CloningSpec.Settings st) throws OrtException {
        int condRate = spec.condMel().sampleRate();
        float[] audio = Resampler.resample(samples, sampleRate, condRate, st.resampleWidth(), st.resampleRolloff());
        int keep = Math.min(audio.length, (int) (condRate * st.maxRefSeconds()));
        float[] ref = new float[keep];
        for (int i = 0; i < keep; i++) {
            ref[i] = Math.max(-1f, Math.min(1f, audio[i]));
        }
        return new float[][] {condLatent(ref, st), speakerEmbedding(ref, st)};
    }

    private float[] condLatent(float[] audio, CloningSpec.Settings st) throws OrtException {
        int condRate = spec.condMel().sampleRate();
        int length = Math.min(audio.length, (int) (condRate * st.condSeconds()));
        int chunk = (int) (condRate * st.chunkSeconds());
        double[] sum = new double[spec.condLatents() * spec.modelDim()];
        int chunks = 0;
        for (int start = 0; start < length; start += chunk) {
            int end = Math.min(length, start + chunk);
            if (end - start < condRate * st.minChunkSeconds()) {
                continue;
            }
            float[] piece = java.util.Arrays.copyOfRange(audio, start, end);
            float[] latent = run(condEncoder, condMel.compute(piece), spec.condMel().nMels(), condMel.frames(piece.length),
                    "latent");
            for (int i = 0; i < sum.length; i++) {
                sum[i] += latent[i];
            }
            chunks++;
        }
        if (chunks == 0) {
            throw new IllegalArgumentException("the clip is shorter than " + st.minChunkSeconds() + " s");
        }
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (sum[i] / chunks);
        }
        return out;
    }

    private float[] speakerEmbedding(float[] audio, CloningSpec.Settings st) throws OrtException {
        int rate = spec.speakerMel().sampleRate();
        float[] x = Resampler.resample(audio, spec.condMel().sampleRate(), rate, st.resampleWidth(), st.resampleRolloff());
        float c = (float) spec.preemphasis();
        float[] emphasised = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            emphasised[i] = x[i] - c * (i == 0 ? x[1] : x[i - 1]);
        }
        return run(speakerEncoder, speakerMel.compute(emphasised), spec.speakerMel().nMels(),
                speakerMel.frames(emphasised.length), "embedding");
    }

    private float[] run(OrtSession session, float[] mel, int mels, int frames, String output) throws OrtException {
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(mel), new long[] {1, mels, frames});
             OrtSession.Result out = session.run(Map.of("mel", in))) {
            FloatBuffer b = ((OnnxTensor) out.get(output).orElseThrow()).getFloatBuffer();
            float[] values = new float[b.remaining()];
            b.get(values);
            return values;
        }
    }

    @Override
    public void close() throws OrtException {
        condEncoder.close();
        speakerEncoder.close();
    }
}
