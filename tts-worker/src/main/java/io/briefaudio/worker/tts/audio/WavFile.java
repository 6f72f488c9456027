package io.briefaudio.worker.tts.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@link WavEncoder} and {@link WavDecoder} for files, a block at a time: a {@link RawAudio} file written as the same
 * PCM 16-bit mono WAV bytes {@link WavEncoder#encode} gives, and a WAV file read as the samples
 * {@link WavDecoder#decode} gives, so that an item of half an hour of speech never sits in memory.
 */
public final class WavFile {

    private static final int HEADER_BYTES = 44;

    private WavFile() {
    }

    /** Writes the samples of the raw file {@code raw} to {@code wav} (a new file) as {@link WavEncoder#encode} would. */
    public static void write(Path raw, Path wav, int sampleRate) throws IOException {
        long samples = RawAudio.sampleCount(raw);
        long dataBytes = samples * 2;
        if (dataBytes + 36 > 0xffffffffL) {
            throw new IOException("too long for a WAV file: " + samples + " samples");
        }
        ByteBuffer out = ByteBuffer.allocate(RawAudio.BLOCK * 2).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(wav, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            out.put("RIFF".getBytes(StandardCharsets.US_ASCII));
            out.putInt((int) (36 + dataBytes));
            out.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII));
            out.putInt(16);
            out.putShort((short) 1);
            out.putShort((short) 1);
            out.putInt(sampleRate);
            out.putInt(sampleRate * 2);
            out.putShort((short) 2);
            out.putShort((short) 16);
            out.put("data".getBytes(StandardCharsets.US_ASCII));
            out.putInt((int) dataBytes);
            RawAudio.read(raw, (block, count) -> {
                for (int i = 0; i < count; i++) {
                    if (!out.hasRemaining()) {
                        drain(out, channel);
                    }
                    float clamped = Math.max(-1f, Math.min(1f, block[i]));
                    out.putShort((short) Math.round(clamped * 32767f));
                }
            });
            drain(out, channel);
        }
    }

    /**
     * Reads a PCM 16-bit mono WAV file's samples, a block at a time, as {@link WavDecoder#decode} would: chunks are
     * walked, and a data chunk runs at most to the end of the file. Returns the sample rate.
     */
    public static int read(Path wav, RawAudio.Blocks blocks) throws IOException {
        try (FileChannel channel = FileChannel.open(wav, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, header.limit(12), 0);
            if (fileSize < 12 || !"RIFF".equals(tag(header, 0)) || !"WAVE".equals(tag(header, 8))) {
                throw new IOException(wav + " is not a WAV file (" + fileSize + " bytes)");
            }
            int sampleRate = 0;
            long offset = 12;
            while (offset + 8 <= fileSize) {
                header.clear();
                readFully(channel, header.limit(8), offset);
                String id = tag(header, 0);
                long size = Integer.toUnsignedLong(header.getInt(4));
                long body = offset + 8;
                if ("fmt ".equals(id)) {
                    header.clear();
                    if (size < 16 || body + 16 > fileSize) {
                        throw new IOException("WAV format chunk is truncated");
                    }
                    readFully(channel, header.limit(16), body);
                    int encoding = header.getShort(0) & 0xffff;
                    int channels = header.getShort(2);
                    int bits = header.getShort(14);
                    if (encoding != 1 || channels != 1 || bits != 16) {
                        throw new IOException("expected PCM 16-bit mono WAV, got encoding " + encoding + ", "
                                + channels + " channels, " + bits + " bits");
                    }
                    sampleRate = header.getInt(4);
                } else if ("data".equals(id)) {
                    if (sampleRate == 0) {
                        throw new IOException("WAV data chunk comes before its format");
                    }
                    readSamples(channel, body, Math.min(size, fileSize - body) / 2, blocks);
                    return sampleRate;
                }
                offset = Math.min(fileSize, body + size + (size & 1));
            }
            throw new IOException("WAV file has no data chunk");
        }
    }

    /** The samples of a PCM 16-bit mono WAV file into a new {@link RawAudio} file; returns the sample rate. */
    public static int toRaw(Path wav, Path raw) throws IOException {
        try (RawAudio.Writer writer = new RawAudio.Writer(raw)) {
            return read(wav, writer);
        }
    }

    /** The true peak of a PCM 16-bit mono WAV file, as {@link LoudnessMeter#truePeak} of its decoded samples. */
    public static double truePeak(Path wav) throws IOException {
        LoudnessMeter.PeakMeter meter = new LoudnessMeter.PeakMeter();
        read(wav, (samples, count) -> meter.accept(samples, 0, count));
        return meter.peak();
    }

    private static void readSamples(FileChannel channel, long from, long count, RawAudio.Blocks blocks)
            throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(RawAudio.BLOCK * 2).order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[RawAudio.BLOCK];
        long position = from;
        long left = count;
        while (left > 0) {
            int n = (int) Math.min(RawAudio.BLOCK, left);
            bytes.clear().limit(n * 2);
            readFully(channel, bytes, position);
            for (int i = 0; i < n; i++) {
                samples[i] = bytes.getShort(2 * i) / 32768f;
            }
            blocks.accept(samples, n);
            position += n * 2L;
            left -= n;
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("WAV file ends early");
            }
            at += read;
        }
    }

    private static void drain(ByteBuffer out, FileChannel channel) throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        out.clear();
    }

    private static String tag(ByteBuffer buffer, int offset) {
        byte[] four = new byte[4];
        for (int i = 0; i < 4; i++) {
            four[i] = buffer.get(offset + i);
        }
        return new String(four, StandardCharsets.US_ASCII);
    }
}
