package io.briefaudio.worker.tts.audio;

import java.util.ArrayList;
import java.util.List;

/** Measurements on synthesized audio, for tests: pitch, loudness, clicks. */
public final class AudioProbe {

    private AudioProbe() {
    }

    /** Median fundamental frequency of the voiced frames, by normalised autocorrelation over 60–400 Hz. */
    public static double medianPitchHz(Pcm pcm) {
        float[] s = pcm.samples();
        int rate = pcm.sampleRate();
        int frame = rate * 40 / 1000;
        int minLag = rate / 400;
        int maxLag = rate / 60;
        List<Double> pitches = new ArrayList<>();
        for (int start = 0; start + frame + maxLag < s.length; start += frame / 2) {
            double energy = 0;
            for (int i = start; i < start + frame; i++) {
                energy += s[i] * s[i];
            }
            if (Math.sqrt(energy / frame) < 0.02) {
                continue;
            }
            int bestLag = 0;
            double best = 0;
            for (int lag = minLag; lag <= maxLag; lag++) {
                double cross = 0;
                double lagged = 0;
                for (int i = start; i < start + frame; i++) {
                    cross += s[i] * s[i + lag];
                    lagged += s[i + lag] * s[i + lag];
                }
                double r = cross / Math.sqrt(energy * lagged + 1e-12);
                if (r > best) {
                    best = r;
                    bestLag = lag;
                }
            }
            if (best > 0.6) {
                pitches.add((double) rate / bestLag);
            }
        }
        pitches.sort(Double::compare);
        return pitches.isEmpty() ? 0 : pitches.get(pitches.size() / 2);
    }

    static double rmsDbfs(Pcm pcm) {
        return Loudness.toDb(Loudness.gatedRms(pcm.samples(), pcm.sampleRate()));
    }

    static double peak(float[] samples) {
        double peak = 0;
        for (float s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }

    /** Fraction of 20 ms frames louder than -40 dBFS. */
    public static double voicedFraction(Pcm pcm) {
        float[] s = pcm.samples();
        int frame = pcm.sampleRate() / 50;
        int loud = 0;
        int frames = 0;
        for (int start = 0; start + frame <= s.length; start += frame, frames++) {
            double sum = 0;
            for (int i = start; i < start + frame; i++) {
                sum += s[i] * s[i];
            }
            if (Math.sqrt(sum / frame) > 0.01) {
                loud++;
            }
        }
        return frames == 0 ? 0 : (double) loud / frames;
    }

    /** Largest step between neighbouring samples within [from, to). */
    public static double maxJump(float[] s, int from, int to) {
        double max = 0;
        for (int i = Math.max(1, from); i < Math.min(s.length, to); i++) {
            max = Math.max(max, Math.abs(s[i] - s[i - 1]));
        }
        return max;
    }

    /** Start indices of runs of exact digital silence at least {@code minSamples} long. */
    public static List<int[]> silentRuns(float[] s, int minSamples) {
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length; i++) {
            boolean silent = i < s.length && s[i] == 0f;
            if (silent && start < 0) {
                start = i;
            } else if (!silent && start >= 0) {
                if (i - start >= minSamples) {
                    runs.add(new int[] {start, i});
                }
                start = -1;
            }
        }
        return runs;
    }
}
