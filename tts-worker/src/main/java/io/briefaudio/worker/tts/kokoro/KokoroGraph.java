package io.briefaudio.worker.tts.kokoro;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One Kokoro ONNX graph and the interface it was checked to have, from the session's own input and output
 * info: token ids as {@code input_ids} (onnx-community, the official export) or {@code tokens} (the kokoro-onnx
 * release), int64 {@code [1, T]}; {@code style} float32 {@code [1, 256]}; {@code speed} float32 {@code [1]}
 * or int32 {@code [1]} (whole speeds only); the waveform as the first output (rank 1 or 2) and, when the graph
 * has it, {@code duration} (frames per token, 600 samples each). ORT sessions allow concurrent runs.
 */
final class KokoroGraph implements AutoCloseable {

    static final String EXPECTED = "inputs input_ids or tokens (int64 [1,T]), style (float32 [1,256]) and speed "
            + "(float32 [1] or int32 [1]); outputs waveform (float32, first) and optionally duration";
    static final int SAMPLES_PER_FRAME = 600;

    /** One run's audio and, when the graph gives them, each input id's frames. */
    record Output(float[] waveform, long[] durations) {
    }

    private final Path file;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String idsName;
    private final boolean intSpeed;
    private final String waveformName;
    private final String durationName;

    private KokoroGraph(Path file, OrtEnvironment env, OrtSession session, String idsName, boolean intSpeed,
                        String waveformName, String durationName) {
        this.file = file;
        this.env = env;
        this.session = session;
        this.idsName = idsName;
        this.intSpeed = intSpeed;
        this.waveformName = waveformName;
        this.durationName = durationName;
    }

    /** @throws IOException naming the file and what was expected when it is missing, unreadable or another graph */
    static KokoroGraph open(Path file, int intraOpThreads) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing: expected the Kokoro ONNX graph with " + EXPECTED);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new IOException(file + " is not an ONNX graph ONNX Runtime can load (expected the Kokoro graph with "
                    + EXPECTED + "): " + e.getMessage(), e);
        }
        try {
            return check(file, env, session);
        } catch (IOException | OrtException e) {
            closeQuietly(session);
            throw e instanceof IOException io ? io : new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static KokoroGraph check(Path file, OrtEnvironment env, OrtSession session) throws IOException, OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        String ids = inputs.containsKey("input_ids") ? "input_ids" : inputs.containsKey("tokens") ? "tokens" : null;
        if (ids == null || !inputs.containsKey("style") || !inputs.containsKey("speed") || inputs.size() != 3) {
            throw wrong(file, "its inputs are " + inputs.keySet());
        }
        requireTensor(file, ids, inputs.get(ids), OnnxJavaType.INT64, 2);
        requireTensor(file, "style", inputs.get("style"), OnnxJavaType.FLOAT, 2);
        long[] style = ((TensorInfo) inputs.get("style").getInfo()).getShape();
        if (style[1] != KokoroStyle.WIDTH && style[1] > 0) {
            throw wrong(file, "its style input is " + style[1] + " wide");
        }
        TensorInfo speed = tensor(file, "speed", inputs.get("speed"));
        boolean intSpeed = speed.type == OnnxJavaType.INT32;
        if (speed.type != OnnxJavaType.FLOAT && !intSpeed || speed.getShape().length != 1) {
            throw wrong(file, "its speed input is " + speed.type + " " + java.util.Arrays.toString(speed.getShape()));
        }
        Iterator<Map.Entry<String, NodeInfo>> outputs = session.getOutputInfo().entrySet().iterator();
        if (!outputs.hasNext()) {
            throw wrong(file, "it has no output");
        }
        Map.Entry<String, NodeInfo> first = outputs.next();
        TensorInfo waveform = tensor(file, first.getKey(), first.getValue());
        if (waveform.type != OnnxJavaType.FLOAT || waveform.getShape().length < 1 || waveform.getShape().length > 2) {
            throw wrong(file, "its first output " + first.getKey() + " is " + waveform.type + " of rank "
                    + waveform.getShape().length + ", not a float32 waveform");
        }
        String duration = null;
        NodeInfo d = session.getOutputInfo().get("duration");
        if (d != null) {
            TensorInfo info = tensor(file, "duration", d);
            if (info.type != OnnxJavaType.INT64 && info.type != OnnxJavaType.FLOAT) {
                throw wrong(file, "its duration output is " + info.type);
            }
            duration = "duration";
        }
        return new KokoroGraph(file, env, session, ids, intSpeed, first.getKey(), duration);
    }

    private static TensorInfo tensor(Path file, String name, NodeInfo node) throws IOException {
        if (!(node.getInfo() instanceof TensorInfo info)) {
            throw wrong(file, name + " is not a tensor");
        }
        return info;
    }

    private static void requireTensor(Path file, String name, NodeInfo node, OnnxJavaType type, int rank)
            throws IOException {
        TensorInfo info = tensor(file, name, node);
        if (info.type != type || info.getShape().length != rank) {
            throw wrong(file, "its " + name + " input is " + info.type + " of rank " + info.getShape().length);
        }
    }

    private static IOException wrong(Path file, String found) {
        return new IOException(file + " is not a Kokoro graph ONNX Runtime can drive: " + found + "; expected " + EXPECTED);
    }

    Path file() {
        return file;
    }

    /** The id input's name, {@code input_ids} or {@code tokens}. */
    String idsName() {
        return idsName;
    }

    /** Whether the graph takes speed as int32, so only whole speeds can be spoken. */
    boolean intSpeed() {
        return intSpeed;
    }

    boolean hasDurations() {
        return durationName != null;
    }

    /** Runs one chunk: {@code ids} as {@code [0, id…, 0]}, a 256-wide style, and the speed (larger is faster). */
    Output run(long[] ids, float[] style, float speed) throws OrtException {
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put(idsName, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, ids.length}));
            in.put("style", OnnxTensor.createTensor(env, FloatBuffer.wrap(style), new long[] {1, style.length}));
            in.put("speed", intSpeed
                    ? OnnxTensor.createTensor(env, IntBuffer.wrap(new int[] {Math.round(speed)}), new long[] {1})
                    : OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {speed}), new long[] {1}));
            try (OrtSession.Result result = session.run(in)) {
                OnnxTensor wave = (OnnxTensor) result.get(waveformName).orElseThrow();
                FloatBuffer buffer = wave.getFloatBuffer();
                float[] samples = new float[buffer.remaining()];
                buffer.get(samples);
                long[] durations = null;
                if (durationName != null) {
                    OnnxTensor d = (OnnxTensor) result.get(durationName).orElseThrow();
                    if (d.getInfo().type == OnnxJavaType.INT64) {
                        LongBuffer lb = d.getLongBuffer();
                        durations = new long[lb.remaining()];
                        lb.get(durations);
                    } else {
                        FloatBuffer fb = d.getFloatBuffer();
                        durations = new long[fb.remaining()];
                        for (int i = 0; i < durations.length; i++) {
                            durations[i] = Math.round(fb.get(i));
                        }
                    }
                }
                return new Output(samples, durations);
            }
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // closing after a failed check: the first error is the one worth reporting
        }
    }
}
