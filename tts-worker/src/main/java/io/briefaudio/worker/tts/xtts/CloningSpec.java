package io.briefaudio.worker.tts.xtts;

import java.util.Map;

/** The model directory's {@code cloning.json} (tools/xtts-export cloning_export.py): graphs, front-end constants. */
public record CloningSpec(int formatVersion, Files files, Map<String, XttsManifest.Table> tables, Mel condMel,
                          Mel speakerMel, double preemphasis, Settings settings, int condLatents, int modelDim,
                          int speakerDim) {

    public static final int FORMAT_VERSION = 1;

    public record Files(String condEncoder, String speakerEncoder, String constants) {
    }

    /** A torchaudio-style MelSpectrogram: centred, reflect-padded, periodic window zero-padded to n_fft. */
    public record Mel(int sampleRate, int nFft, int winLength, int hopLength, int nMels, double fMin, double fMax,
                      String norm, String window) {
    }

    /**
     * Which audio becomes the voice: at most {@code maxRefSeconds} of the clip; the first {@code condSeconds} cut into
     * {@code chunkSeconds} chunks for the GPT latents (chunks under {@code minChunkSeconds} skipped); the resampling
     * filter's zero crossings and roll-off.
     */
    public record Settings(double maxRefSeconds, double condSeconds, double chunkSeconds, double minChunkSeconds,
                           int resampleWidth, double resampleRolloff) {
    }
}
