package io.briefaudio.worker.tts.xtts;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * GPT latents to 24 kHz samples (docs/spec §6): speed by interpolating the latents, ×4 (code stride / hop),
 * ×24000/22050, then the HiFi-GAN graph with the speaker embedding. Thread-safe.
 */
final class HifiGanDecoder {

    private final XttsModel model;

    HifiGanDecoder(XttsModel model) {
        this.model = model;
    }

    float[] decode(float[][] latents, float[] speakerEmbedding, double speed) throws OrtException {
        float[][] z = channelsFirst(latents);
        if (speed != 1.0) {
            // Coqui: length_scale = 1 / max(speed, 0.05); a faster voice gets fewer frames.
            z = Interpolation.linear(z, 1.0 / Math.max(speed, 0.05));
        }
        XttsManifest m = model.manifest;
        z = Interpolation.linear(z, (double) m.codeStride() / m.outputHop());
        z = Interpolation.linear(z, (double) m.sampleRates().output() / m.sampleRates().input());
        int frames = z[0].length;
        if (frames == 0) {
            return new float[0];
        }
        FloatBuffer flat = FloatBuffer.allocate(z.length * frames);
        for (float[] channel : z) {
            flat.put(channel);
        }
        flat.flip();
        try (OnnxTensor zt = OnnxTensor.createTensor(model.env, flat, new long[] {1, z.length, frames});
             OnnxTensor g = OnnxTensor.createTensor(model.env, FloatBuffer.wrap(speakerEmbedding),
                     new long[] {1, speakerEmbedding.length, 1});
             OrtSession.Result out = model.hifigan.run(Map.of("z", zt, "g", g))) {
            FloatBuffer wav = ((OnnxTensor) out.get("wav").orElseThrow()).getFloatBuffer();
            float[] samples = new float[wav.remaining()];
            wav.get(samples);
            return samples;
        }
    }

    private static float[][] channelsFirst(float[][] latents) {
        int dim = latents[0].length;
        float[][] out = new float[dim][latents.length];
        for (int t = 0; t < latents.length; t++) {
            for (int c = 0; c < dim; c++) {
                out[c][t] = latents[t][c];
            }
        }
        return out;
    }
}
