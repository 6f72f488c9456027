package io.briefaudio.worker.tts.xtts;

/**
 * Linear resampling along time with PyTorch's {@code F.interpolate(mode="linear", scale_factor=s)} semantics
 * (align_corners=False, the given scale used as is): out = floor(n·s) frames, source index (dst+0.5)/s − 0.5
 * clamped at 0, computed in float like PyTorch's CPU kernel — except that PyTorch copies the input unchanged
 * when the output has as many frames (which happens for short chunks and speeds near 1). Done here rather than as an ONNX Resize, whose
 * size/scale rules differ.
 */
final class Interpolation {

    private Interpolation() {
    }

    /** in: [channels][frames] → [channels][floor(frames·scale)]. */
    static float[][] linear(float[][] in, double scale) {
        int n = in[0].length;
        int out = (int) Math.floor(n * scale);
        if (out == n) {
            float[][] copy = new float[in.length][];
            for (int c = 0; c < in.length; c++) {
                copy[c] = in[c].clone();
            }
            return copy;
        }
        float ratio = (float) (1.0 / scale);
        int[] i0 = new int[out];
        int[] i1 = new int[out];
        float[] w1 = new float[out];
        for (int d = 0; d < out; d++) {
            float src = Math.max(ratio * (d + 0.5f) - 0.5f, 0f);
            int lo = (int) src;
            i0[d] = lo;
            i1[d] = lo + (lo < n - 1 ? 1 : 0);
            w1[d] = Math.min(Math.max(src - lo, 0f), 1f);
        }
        float[][] result = new float[in.length][out];
        for (int c = 0; c < in.length; c++) {
            float[] x = in[c];
            float[] y = result[c];
            for (int d = 0; d < out; d++) {
                y[d] = (1f - w1[d]) * x[i0[d]] + w1[d] * x[i1[d]];
            }
        }
        return result;
    }
}
