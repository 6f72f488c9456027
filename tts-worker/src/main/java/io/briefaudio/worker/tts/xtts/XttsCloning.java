package io.briefaudio.worker.tts.xtts;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.briefaudio.worker.tts.ClonedVoice;
import io.briefaudio.worker.tts.SynthesisException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * The voice-cloning side of {@link XttsEngine}: the model directory's optional cloning graphs (cloning.json), a
 * reference clip turned into a {@link ClonedVoice}, and a cloned voice turned into the {@link Speaker} whose
 * sentences the batched synthesis decodes.
 */
final class XttsCloning implements AutoCloseable {

    private final VoiceCloner cloner;

    private XttsCloning(VoiceCloner cloner) {
        this.cloner = cloner;
    }

    /** A model directory without cloning graphs. */
    static XttsCloning none() {
        return new XttsCloning(null);
    }

    /** Loads the cloning graphs when {@code modelDir} has them; {@code intraOpThreads} threads per ORT run. */
    static XttsCloning load(Path modelDir, XttsModel model, int intraOpThreads) throws IOException, OrtException {
        if (!VoiceCloner.present(modelDir)) {
            return none();
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, intraOpThreads));
            options.setInterOpNumThreads(1);
            return new XttsCloning(VoiceCloner.load(modelDir, model.env, options));
        }
    }

    /** True when the model directory has the voice-cloning graphs (cloning.json). */
    boolean canClone() {
        return cloner != null;
    }

    boolean acceptsClipRate(int sampleRate) {
        return cloner == null || cloner.acceptsRate(sampleRate);
    }

    /** {@code modelVersion} is the engine's, recorded with the voice so another model's voice is prepared again. */
    ClonedVoice cloneVoice(float[] samples, int sampleRate, String modelVersion) throws SynthesisException {
        if (cloner == null) {
            throw new SynthesisException("this XTTS model directory has no voice-cloning graphs; re-export it", true);
        }
        if (!cloner.acceptsRate(sampleRate)) {
            throw new SynthesisException("cannot resample " + sampleRate + " Hz clips in Java", true);
        }
        try {
            float[][] both = cloner.clone(samples, sampleRate);
            return new ClonedVoice(modelVersion, both[0], both[1]);
        } catch (OrtException e) {
            throw new SynthesisException("ONNX Runtime failed on the clip: " + e.getMessage(), false, e);
        } catch (IllegalArgumentException e) {
            throw new SynthesisException(e.getMessage(), true, e);
        }
    }

    /** The speaker a cloned voice is decoded with; embeddings of another model's shape are refused. */
    static Speaker speaker(ClonedVoice voice, XttsManifest.Dims dims) throws SynthesisException {
        int width = dims.condLatents() * dims.modelDim();
        if (voice.condLatent().length != width || voice.speakerEmbedding().length != dims.speakerDim()) {
            throw new SynthesisException("the voice's embeddings do not fit this model; prepare it again", true);
        }
        return new Speaker("cloned", voice.condLatent(), voice.speakerEmbedding());
    }

    /** Same text, voice and language give the same audio: the seed comes from them, per sentence. */
    static ToLongFunction<String> seeds(ClonedVoice voice, String language) {
        long voiceHash = Arrays.hashCode(voice.speakerEmbedding()) * 31L + language.hashCode();
        return input -> ((long) input.hashCode() << 32) ^ voiceHash;
    }

    VoiceCloner cloner() {
        return cloner;
    }

    @Override
    public void close() throws OrtException {
        if (cloner != null) {
            cloner.close();
        }
    }
}
