package io.briefaudio.worker.episodes;

import io.briefaudio.shared.audio.codec.Chapter;
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.audio.RawAudio;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An episode being joined: samples at one rate written to a raw file as they come (never held whole), and
 * where each chapter starts. Not thread-safe.
 */
final class Timeline implements Closeable {

    private record Mark(String title, long sample) {
    }

    private final int sampleRate;
    private final List<Mark> marks = new ArrayList<>();
    private final RawAudio.Writer writer;

    Timeline(Path file, int sampleRate) throws IOException {
        this.sampleRate = sampleRate;
        this.writer = new RawAudio.Writer(file);
    }

    int sampleRate() {
        return sampleRate;
    }

    void chapter(String title) {
        marks.add(new Mark(title, writer.samples()));
    }

    void append(Pcm part) throws IOException {
        if (part.sampleRate() != sampleRate) {
            throw new IllegalArgumentException("part at " + part.sampleRate() + " Hz in a " + sampleRate + " Hz episode");
        }
        writer.write(part.samples(), 0, part.samples().length);
    }

    /** Appends a raw file's samples, which must be at this timeline's rate. */
    void append(Path raw) throws IOException {
        RawAudio.read(raw, writer);
    }

    void silence(Duration pause) throws IOException {
        writer.silence(pause.toMillis() * sampleRate / 1000);
    }

    long samples() {
        return writer.samples();
    }

    long durationMillis() {
        return samples() * 1000 / sampleRate;
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

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
