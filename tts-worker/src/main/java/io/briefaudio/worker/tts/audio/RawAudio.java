package io.briefaudio.worker.tts.audio;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Mono audio in a file as raw 32-bit little-endian floats ({@code f32le}, what FFmpeg reads and writes as such),
 * read and written a block at a time: how audio too long to hold in memory (an episode) is worked on.
 */
public final class RawAudio {

    /** Samples per block: 256 KB of floats. */
    public static final int BLOCK = 1 << 16;

    private RawAudio() {
    }

    /** Receives a file's samples a block at a time; the array is reused for the next block. */
    public interface Blocks {
        void accept(float[] samples, int count) throws IOException;
    }

    public static long sampleCount(Path file) throws IOException {
        return Files.size(file) / Float.BYTES;
    }

    /** All of a file's samples in memory: for audio known to be short (and tests). */
    public static float[] readAll(Path file) throws IOException {
        float[] all = new float[Math.toIntExact(sampleCount(file))];
        int[] at = {0};
        read(file, (samples, count) -> {
            System.arraycopy(samples, 0, all, at[0], count);
            at[0] += count;
        });
        return all;
    }

    /** Deletes a work directory and what is in it; a file left behind (one still open) is harmless and ignored. */
    public static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // the result matters more than a temp file
        }
    }

    public static void read(Path file, Blocks blocks) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(BLOCK * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[BLOCK];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (true) {
                bytes.clear();
                while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                    // fill the block: a short read is not the end
                }
                bytes.flip();
                int count = bytes.remaining() / Float.BYTES;
                if (count == 0) {
                    return;
                }
                bytes.asFloatBuffer().get(samples, 0, count);
                blocks.accept(samples, count);
                if (count < BLOCK) {
                    return;
                }
            }
        }
    }

    /** Writes samples to a new file; {@link #close()} flushes. */
    public static final class Writer implements Closeable, Blocks {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(BLOCK * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private long written;

        public Writer(Path file) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        }

        @Override
        public void accept(float[] samples, int count) throws IOException {
            write(samples, 0, count);
        }

        public void write(float[] samples, int from, int to) throws IOException {
            for (int i = from; i < to; i++) {
                if (!buffer.hasRemaining()) {
                    flush();
                }
                buffer.putFloat(samples[i]);
            }
            written += to - from;
        }

        public void silence(long count) throws IOException {
            for (long i = 0; i < count; i++) {
                if (!buffer.hasRemaining()) {
                    flush();
                }
                buffer.putFloat(0f);
            }
            written += count;
        }

        /** Samples written so far. */
        public long samples() {
            return written;
        }

        private void flush() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        @Override
        public void close() throws IOException {
            try {
                flush();
            } finally {
                channel.close();
            }
        }
    }
}
