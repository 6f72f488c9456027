package io.briefaudio.worker.tts.kokoro;

/**
 * Which row of a voice pack styles a chunk. A pack has one 256-wide style per input length; the official
 * pipeline takes {@code pack[len(phonemes) - 1]} (hexgrad/kokoro {@code KPipeline.infer}). Some ONNX ports
 * take {@code pack[len(phonemes)]}; rows next to each other differ most for short chunks, so we keep the
 * official rule.
 */
public final class KokoroStyle {

    public static final int ROWS = 510;
    public static final int WIDTH = 256;

    private KokoroStyle() {
    }

    /** {@code min(max(phonemes - 1, 0), 509)}. */
    public static int row(int phonemeCount) {
        return Math.min(Math.max(phonemeCount - 1, 0), ROWS - 1);
    }

    /** The style for a chunk of this many phonemes: a copy of its row of the {@code 510×256} pack. */
    public static float[] style(float[] pack, int phonemeCount) {
        requirePack(pack);
        float[] style = new float[WIDTH];
        System.arraycopy(pack, row(phonemeCount) * WIDTH, style, 0, WIDTH);
        return style;
    }

    static void requirePack(float[] pack) {
        if (pack.length != ROWS * WIDTH) {
            throw new IllegalArgumentException("a voice pack has " + ROWS + "×" + WIDTH + " floats, not " + pack.length);
        }
    }
}
