package io.briefaudio.worker.tts.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WAV files written and read a block at a time hold exactly what the in-memory encoder and decoder give. */
class WavFileTest {

    private static final int RATE = 22050;

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheBytesOfTheInMemoryEncoder() throws Exception {
        // Longer than a block, with samples past full scale that must be clamped.
        float[] samples = noise(RawAudio.BLOCK * 2 + 77, 1.3);
        Path raw = dir.resolve("in.f32");
        try (RawAudio.Writer writer = new RawAudio.Writer(raw)) {
            writer.write(samples, 0, samples.length);
        }

        WavFile.write(raw, dir.resolve("out.wav"), RATE);

        assertArrayEquals(WavEncoder.encode(new Pcm(samples, RATE)), Files.readAllBytes(dir.resolve("out.wav")));
    }

    @Test
    void shouldReadTheSamplesOfTheInMemoryDecoder() throws Exception {
        byte[] wav = WavEncoder.encode(new Pcm(noise(RawAudio.BLOCK + 5, 0.9), RATE));
        Files.write(dir.resolve("plain.wav"), wav);

        assertEquals(RATE, WavFile.toRaw(dir.resolve("plain.wav"), dir.resolve("plain.f32")));
        assertArrayEquals(WavDecoder.decode(wav).samples(), RawAudio.readAll(dir.resolve("plain.f32")));
        assertEquals(LoudnessMeter.truePeak(WavDecoder.decode(wav).samples()), WavFile.truePeak(dir.resolve("plain.wav")), 0.0);
    }

    @Test
    void shouldSkipOtherChunksAndReadAStreamedDataChunkToTheEnd() throws Exception {
        // As eSpeak NG's --stdout writes it: a LIST chunk of odd length (padded), and a placeholder data length.
        byte[] plain = WavEncoder.encode(new Pcm(noise(1001, 0.5), RATE));
        ByteBuffer wav = ByteBuffer.allocate(plain.length + 8 + 6).order(ByteOrder.LITTLE_ENDIAN);
        wav.put(plain, 0, 36);
        wav.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(5).put(new byte[6]);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(0xffffffff);
        wav.put(plain, 44, plain.length - 44);
        Files.write(dir.resolve("streamed.wav"), wav.array());

        WavFile.toRaw(dir.resolve("streamed.wav"), dir.resolve("streamed.f32"));

        assertArrayEquals(WavDecoder.decode(wav.array()).samples(), RawAudio.readAll(dir.resolve("streamed.f32")));
        assertEquals(1001, RawAudio.sampleCount(dir.resolve("streamed.f32")));
    }

    private static float[] noise(int length, double amplitude) {
        Random random = new Random(length);
        float[] samples = new float[length];
        for (int i = 0; i < length; i++) {
            samples[i] = (float) (amplitude * (2 * random.nextDouble() - 1));
        }
        return samples;
    }
}
