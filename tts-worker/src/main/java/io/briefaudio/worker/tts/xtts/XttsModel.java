package io.briefaudio.worker.tts.xtts;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded model directory: manifest, lookup tables, studio voices and the two ONNX Runtime sessions.
 * Immutable after {@link #load}; ORT sessions allow concurrent {@code run()} calls, so one instance serves
 * every worker thread.
 */
public final class XttsModel implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final List<String> TABLES = List.of("text", "text_pos", "mel", "mel_pos");

    final Path dir;
    final XttsManifest manifest;
    final Map<String, float[]> tables;
    final Map<String, Speaker> speakers;
    final OrtEnvironment env;
    final XttsPrecision precision;
    final OrtSession gpt;
    final OrtSession hifigan;

    private XttsModel(Path dir, XttsManifest manifest, Map<String, float[]> tables, Map<String, Speaker> speakers,
                      OrtEnvironment env, XttsPrecision precision, OrtSession gpt, OrtSession hifigan) {
        this.dir = dir;
        this.manifest = manifest;
        this.tables = tables;
        this.speakers = speakers;
        this.env = env;
        this.precision = precision;
        this.gpt = gpt;
        this.hifigan = hifigan;
    }

    /** Validates and loads {@code dir} with the fp32 GPT graph. */
    public static XttsModel load(Path dir, int intraOpThreads) throws IOException {
        return load(dir, intraOpThreads, XttsPrecision.FP32);
    }

    /**
     * Validates and loads {@code dir}, running the GPT graph of {@code precision}; every problem is reported as an
     * {@link IOException} naming the file (for int8, also the exporter command that adds the graph).
     */
    public static XttsModel load(Path dir, int intraOpThreads, XttsPrecision precision) throws IOException {
        Path manifestFile = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException("not an XTTS model directory (no manifest.json): " + dir
                    + " — export one with tools/xtts-export, see docs/xtts.md");
        }
        XttsManifest m;
        try {
            m = JSON.readValue(manifestFile.toFile(), XttsManifest.class);
        } catch (IOException e) {
            throw new IOException("unreadable " + manifestFile + ": " + e.getMessage(), e);
        }
        validate(dir, m);
        String gptFile = gptFile(dir, m, precision);
        Map<String, float[]> tables = readTables(dir.resolve(m.files().embeddings()), m);
        Map<String, Speaker> speakers = readSpeakers(dir.resolve(m.files().speakers()), m);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, intraOpThreads));
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession gpt = env.createSession(dir.resolve(gptFile).toString(), options);
            OrtSession hifigan = env.createSession(dir.resolve(m.files().hifigan()).toString(), options);
            return new XttsModel(dir, m, tables, speakers, env, precision, gpt, hifigan);
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime cannot load the graphs in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void validate(Path dir, XttsManifest m) throws IOException {
        if (m.formatVersion() != XttsManifest.FORMAT_VERSION) {
            throw new IOException(dir + "/manifest.json has format_version " + m.formatVersion() + "; this worker reads "
                    + XttsManifest.FORMAT_VERSION + ". Re-export the directory from your XTTS v2 download: cd tools/xtts-export && "
                    + "/usr/bin/python3 -m xtts_export --checkpoint-dir <download> --accept-cpml --out " + dir
                    + " (docs/xtts.md)");
        }
        if (m.dims() == null || m.tokens() == null || m.files() == null || m.embeddings() == null
                || m.speakers() == null || m.sampleRates() == null || m.sampling() == null || m.charLimits() == null) {
            throw new IOException(dir + "/manifest.json lacks one of dims, tokens, files, embeddings, speakers, "
                    + "sample_rates, sampling, char_limits");
        }
        var f = m.files();
        for (String name : new String[] {f.tokenizer(), f.gpt(), f.hifigan(), f.embeddings(), f.speakers()}) {
            if (name == null || !Files.isRegularFile(dir.resolve(name))) {
                throw new IOException("XTTS model directory " + dir + " is missing " + name);
            }
        }
        for (String t : TABLES) {
            if (!m.embeddings().containsKey(t)) {
                throw new IOException(dir + "/manifest.json has no '" + t + "' embedding table");
            }
        }
        var d = m.dims();
        if (d.modelDim() % d.heads() != 0 || m.embeddings().get("mel").rows() != d.audioVocab()) {
            throw new IOException(dir + "/manifest.json dims are inconsistent: " + d);
        }
    }

    /** The int8 graph is an optional extra of an exported directory: its absence only matters when it is asked for. */
    private static String gptFile(Path dir, XttsManifest m, XttsPrecision precision) throws IOException {
        if (precision == XttsPrecision.FP32) {
            return m.files().gpt();
        }
        String int8 = m.files().gptInt8();
        if (int8 == null || !Files.isRegularFile(dir.resolve(int8))) {
            throw new IOException("briefaudio.tts.xtts.precision=int8, but the XTTS model directory " + dir + " has no int8 "
                    + "GPT graph (" + (int8 == null ? "no files.gpt_int8 in manifest.json" : "missing " + int8)
                    + "). Add it to the exported directory with: cd tools/xtts-export && /usr/bin/python3 -m "
                    + "xtts_export.quantize " + dir + " (docs/xtts.md), or set briefaudio.tts.xtts.precision=fp32");
        }
        return int8;
    }

    private static Map<String, float[]> readTables(Path file, XttsManifest m) throws IOException {
        FloatBuffer all = map(file);
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String name : TABLES) {
            XttsManifest.Table t = m.embeddings().get(name);
            if (t.cols() != m.dims().modelDim()) {
                throw new IOException(file + ": table " + name + " is " + t.cols() + " wide, model is " + m.dims().modelDim());
            }
            out.put(name, slice(all, t.offset(), (long) t.rows() * t.cols(), file));
        }
        return out;
    }

    private static Map<String, Speaker> readSpeakers(Path file, XttsManifest m) throws IOException {
        FloatBuffer all = map(file);
        int latent = m.dims().condLatents() * m.dims().modelDim();
        Map<String, Speaker> out = new LinkedHashMap<>();
        for (XttsManifest.SpeakerRef ref : m.speakers()) {
            float[] both = slice(all, ref.offset(), latent + m.dims().speakerDim(), file);
            float[] cond = new float[latent];
            float[] emb = new float[m.dims().speakerDim()];
            System.arraycopy(both, 0, cond, 0, latent);
            System.arraycopy(both, latent, emb, 0, emb.length);
            out.put(ref.name(), new Speaker(ref.name(), cond, emb));
        }
        return out;
    }

    private static FloatBuffer map(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        }
    }

    private static float[] slice(FloatBuffer all, long offset, long count, Path file) throws IOException {
        if (offset < 0 || offset + count > all.capacity()) {
            throw new IOException(file + " is too short: needs floats " + offset + ".." + (offset + count)
                    + ", has " + all.capacity());
        }
        float[] out = new float[Math.toIntExact(count)];
        all.get(Math.toIntExact(offset), out);
        return out;
    }

    public XttsPrecision precision() {
        return precision;
    }

    /** How the int8 graph was made (manifest.json's {@code quantization.gpt_int8}), or an empty map. */
    Map<String, Object> int8Scheme() {
        var q = manifest.quantization();
        return q == null || q.get("gpt_int8") == null ? Map.of() : q.get("gpt_int8");
    }

    public XttsManifest manifest() {
        return manifest;
    }

    public Path tokenizerFile() {
        return dir.resolve(manifest.files().tokenizer());
    }

    public List<String> speakerNames() {
        return new ArrayList<>(speakers.keySet());
    }

    public Speaker speaker(String name) {
        Speaker s = speakers.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no studio voice '" + name + "' in " + dir + "; it has " + speakers.keySet());
        }
        return s;
    }

    @Override
    public void close() throws OrtException {
        gpt.close();
        hifigan.close();
    }
}
