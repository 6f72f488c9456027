package io.briefaudio.worker.episodes;

import io.briefaudio.shared.audio.codec.Chapter;
import io.briefaudio.worker.tts.audio.Pcm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An episode being joined: samples at one rate, and where each chapter starts. Not thread-safe. */
final class Timeline {

    private record Mark(String title, int sample) {
    }

    private final int sampleRate;
    private final List<Mark> marks = new ArrayList<>();
    private float[] samples = new float[1 << 20];
    private int length;

    Timeline(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    void chapter(String title) {
        marks.add(new Mark(title, length));
    }

    void append(Pcm part) {
        if (part.sampleRate() != sampleRate) {
            throw new IllegalArgumentException("part at " + part.sampleRate() + " Hz in a " + sampleRate + " Hz episode");
        }
        write(part.samples(), part.samples().length);
    }

    void silence(Duration pause) {
        write(null, (int) (pause.toMillis() * sampleRate / 1000));
    }

    Pcm pcm() {
        return new Pcm(Arrays.copyOf(samples, length), sampleRate);
    }

    /** The chapters, each ending where the next starts and the last at {@code totalMillis}. */
    List<Chapter> chapters(long totalMillis) {
        List<Chapter> chapters = new ArrayList<>();
        for (int i = 0; i < marks.size(); i++) {
            long start = marks.get(i).sample() * 1000L / sampleRate;
            long end = i + 1 < marks.size() ? marks.get(i + 1).sample() * 1000L / sampleRate : totalMillis;
            chapters.add(new Chapter(marks.get(i).title(), start, Math.max(start, end)));
        }
        return chapters;
    }

    private void write(float[] more, int count) {
        if (length + count > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, length + count));
        }
        if (more != null) {
            System.arraycopy(more, 0, samples, length, count);
        }
        length += count;
    }
}
