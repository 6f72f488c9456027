package io.briefaudio.worker.tts;

/**
 * Levels a narration to a target RMS over its speech (pauses are gated out), never letting the peak
 * pass the ceiling, so that presets and items play equally loud.
 */
final class Loudness {

    private static final int FRAME_MILLIS = 20;
    /** Frames quieter than this are pauses or breath and would drag the average down. */
    private static final double GATE_DBFS = -50.0;

    private Loudness() {
    }

    static Pcm normalise(Pcm pcm, double targetRmsDbfs, double peakCeilingDbfs) {
        float[] in = pcm.samples();
        double rms = gatedRms(in, pcm.sampleRate());
        float peak = 0f;
        for (float s : in) {
            peak = Math.max(peak, Math.abs(s));
        }
        if (rms <= 0 || peak <= 0) {
            return pcm;
        }
        double gain = Math.min(fromDb(targetRmsDbfs) / rms, fromDb(peakCeilingDbfs) / peak);
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) (in[i] * gain);
        }
        return new Pcm(out, pcm.sampleRate());
    }

    static double gatedRms(float[] samples, int sampleRate) {
        int frame = Math.max(1, sampleRate * FRAME_MILLIS / 1000);
        double gate = fromDb(GATE_DBFS);
        double sum = 0;
        long counted = 0;
        for (int start = 0; start < samples.length; start += frame) {
            int end = Math.min(samples.length, start + frame);
            double frameSum = 0;
            for (int i = start; i < end; i++) {
                frameSum += (double) samples[i] * samples[i];
            }
            if (Math.sqrt(frameSum / (end - start)) >= gate) {
                sum += frameSum;
                counted += end - start;
            }
        }
        return counted == 0 ? 0 : Math.sqrt(sum / counted);
    }

    static double toDb(double amplitude) {
        return 20 * Math.log10(amplitude);
    }

    private static double fromDb(double db) {
        return Math.pow(10, db / 20);
    }
}
