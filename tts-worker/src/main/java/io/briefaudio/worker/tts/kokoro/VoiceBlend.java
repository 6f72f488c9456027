package io.briefaudio.worker.tts.kokoro;

import io.briefaudio.shared.voices.KokoroVoiceMix;
import java.util.List;
import java.util.Map;

/** The style pack of a voice mix: the element-wise weighted mean of its parts' 510×256 packs. */
public final class VoiceBlend {

    private VoiceBlend() {
    }

    /**
     * @param packs the model's voice packs by name, each {@code 510×256} floats, row-major
     * @return the pack itself for a single voice, else a new blended pack
     * @throws io.briefaudio.shared.voices.VoiceMixException naming the first part the model has no pack for
     */
    public static float[] blend(KokoroVoiceMix mix, Map<String, float[]> packs) {
        mix.requireAvailable(packs.keySet());
        List<KokoroVoiceMix.Part> parts = mix.parts();
        if (parts.size() == 1) {
            float[] pack = packs.get(parts.get(0).name());
            KokoroStyle.requirePack(pack);
            return pack;
        }
        double[] shares = mix.shares();
        double[] sum = new double[KokoroStyle.ROWS * KokoroStyle.WIDTH];
        for (int p = 0; p < parts.size(); p++) {
            float[] pack = packs.get(parts.get(p).name());
            KokoroStyle.requirePack(pack);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += shares[p] * pack[i];
            }
        }
        float[] out = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            out[i] = (float) sum[i];
        }
        return out;
    }
}
