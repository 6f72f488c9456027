package io.briefaudio.worker.tts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.shared.audio.codec.CodecException;
import io.briefaudio.shared.audio.codec.FfmpegCodec;
import io.briefaudio.worker.tts.audio.Loudness;
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.audio.WavDecoder;
import io.briefaudio.worker.tts.audio.WavEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An item encoded file to file gives the bytes the in-memory encoder gives, corrections of the true peak included. */
class DeliveryTest {

    private static final int RATE = 22050;

    @TempDir
    Path dir;

    @Test
    void shouldEncodeAWavFileToTheBytesOfTheInMemoryEncoder() throws Exception {
        AtomicInteger fileEncodes = new AtomicInteger();
        FfmpegCodec codec = new FfmpegCodec("ffmpeg", Duration.ofSeconds(60)) {
            @Override
            public void encodeFile(Path wav, Path out, AudioFormat format) throws CodecException {
                fileEncodes.incrementAndGet();
                super.encodeFile(wav, out, format);
            }
        };
        Delivery delivery = new Delivery(codec, -16, -1.5);
        // Through 16-bit WAV, as ItemProcessor encodes: levelled as a narration is (peaks up to -2.5 dBTP, loud enough
        // that decoding and encoding again moves samples), and a buzz peaking over the ceiling before encoding, whose
        // every lossy encoding is corrected by levelling the audio again with a lower ceiling.
        byte[] levelled = WavEncoder.encode(Loudness.normalise(new Pcm(buzz(RATE * 6), RATE), -16, -1.5));
        byte[] loud = WavEncoder.encode(new Pcm(buzz(RATE * 6), RATE));
        for (byte[] wav : List.of(levelled, loud)) {
            Path wavFile = Files.write(dir.resolve("narration.wav"), wav);
            for (AudioFormat format : List.of(AudioFormat.MP3, AudioFormat.OPUS, AudioFormat.WAV)) {
                int before = fileEncodes.get();
                Path encoded = dir.resolve("encoded." + format.extension());
                delivery.encodeWav(wavFile, RATE, encoded, format, dir);

                byte[] expected = delivery.encode(WavDecoder.decode(wav), format, null, List.of());
                assertArrayEquals(expected, Files.readAllBytes(encoded), format.id());
                if (wav == loud && format != AudioFormat.WAV) {
                    assertTrue(fileEncodes.get() - before > 1, format.id() + ": the peak is corrected");
                }
            }
            try (var left = Files.list(dir)) {
                assertTrue(left.allMatch(p -> p.getFileName().toString().startsWith("encoded.")
                        || p.equals(wavFile)), "work files are deleted");
            }
        }
    }

    /** A bright buzz with noise, peaking near full scale. */
    private static float[] buzz(int length) {
        Random random = new Random(7);
        float[] samples = new float[length];
        for (int i = 0; i < length; i++) {
            double square = Math.signum(Math.sin(2 * Math.PI * 220 * i / RATE));
            samples[i] = (float) (0.85 * square + 0.05 * random.nextGaussian());
        }
        return samples;
    }
}
