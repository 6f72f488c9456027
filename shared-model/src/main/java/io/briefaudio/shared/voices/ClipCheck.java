package io.briefaudio.shared.voices;

import io.briefaudio.shared.voices.ClipException.Reason;

/**
 * The rules a reference clip must meet, shared by the API (WAV uploads, checked before anything is stored) and the
 * worker (compressed uploads, checked after ffmpeg decodes them): at most {@link #MAX_BYTES}, only finite samples,
 * not silent, and {@link #MIN_SECONDS}–{@link #MAX_SECONDS} of sound once leading and trailing silence is trimmed.
 */
public final class ClipCheck {

    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final double MIN_SECONDS = 3.0;
    public static final double MAX_SECONDS = 30.0;
    /** A clip whose loudest 20 ms frame stays under -60 dBFS holds no usable sound. */
    static final double SILENT_RMS = 0.001;
    /** Frames 40 dB under the loudest frame count as silence when trimming the ends. */
    static final double TRIM_RATIO = 0.01;

    private ClipCheck() {
    }

    public static void checkSize(long bytes) throws ClipException {
        if (bytes > MAX_BYTES) {
            throw new ClipException(Reason.TOO_LARGE, "the clip is " + bytes + " bytes; at most " + MAX_BYTES
                    + " (10 MB) are accepted");
        }
    }

    /** Returns the clip with leading and trailing silence removed, or says why it cannot be a voice. */
    public static ClipAudio trimAndCheck(ClipAudio clip) throws ClipException {
        int frame = Math.max(1, clip.sampleRate() / 50);
        float[] s = clip.samples();
        for (float sample : s) {
            if (!Float.isFinite(sample)) {
                // A float WAV can hold NaN or infinities: no sound a voice can be made of, refused as silence is.
                throw new ClipException(Reason.SILENT, "the clip holds samples that are not numbers (NaN or infinite)");
            }
        }
        int frames = s.length / frame + (s.length % frame == 0 ? 0 : 1);
        double[] rms = new double[frames];
        double loudest = 0;
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            int end = Math.min(s.length, (f + 1) * frame);
            for (int i = f * frame; i < end; i++) {
                sum += (double) s[i] * s[i];
            }
            rms[f] = Math.sqrt(sum / Math.max(1, end - f * frame));
            loudest = Math.max(loudest, rms[f]);
        }
        if (loudest < SILENT_RMS) {
            throw new ClipException(Reason.SILENT, "the clip is silent (no sound above -60 dBFS)");
        }
        double threshold = Math.max(SILENT_RMS, loudest * TRIM_RATIO);
        int first = 0;
        while (rms[first] < threshold) {
            first++;
        }
        int last = frames - 1;
        while (rms[last] < threshold) {
            last--;
        }
        int from = first * frame;
        int to = Math.min(s.length, (last + 1) * frame);
        double seconds = (to - from) / (double) clip.sampleRate();
        if (seconds < MIN_SECONDS) {
            throw new ClipException(Reason.TOO_SHORT, String.format(java.util.Locale.ROOT,
                    "the clip has %.1f s of sound after trimming silence; at least %.0f s are needed", seconds, MIN_SECONDS));
        }
        if (seconds > MAX_SECONDS) {
            throw new ClipException(Reason.TOO_LONG, String.format(java.util.Locale.ROOT,
                    "the clip has %.1f s of sound after trimming silence; at most %.0f s are accepted", seconds, MAX_SECONDS));
        }
        return new ClipAudio(java.util.Arrays.copyOfRange(s, from, to), clip.sampleRate());
    }
}
