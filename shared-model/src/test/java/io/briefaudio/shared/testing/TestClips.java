package io.briefaudio.shared.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds WAV clips for tests: a tone with syllable-like bursts, optional silence around it. */
public final class TestClips {

    private TestClips() {
    }

    /** {@code seconds} of sound between {@code padSeconds} of silence on each side, 16-bit PCM. */
    public static byte[] wav(double seconds, double padSeconds, int rate, int channels) {
        int pad = (int) (padSeconds * rate);
        int sound = (int) (seconds * rate);
        short[] pcm = new short[(pad * 2 + sound) * channels];
        for (int i = 0; i < sound; i++) {
            double t = i / (double) rate;
            double v = 0.3 * Math.sin(2 * Math.PI * 180 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t));
            for (int c = 0; c < channels; c++) {
                pcm[(pad + i) * channels + c] = (short) Math.round(v * 32767 * (c == 0 ? 1 : 0.5));
            }
        }
        return wav16(pcm, rate, channels);
    }

    public static byte[] wav16(short[] interleaved, int rate, int channels) {
        ByteBuffer data = ByteBuffer.allocate(interleaved.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : interleaved) {
            data.putShort(s);
        }
        return riff(1, 16, rate, channels, data.array());
    }

    /** {@code seconds} of a 32-bit float tone, mono, with every 50th sample replaced by {@code odd} (NaN, an infinity). */
    public static byte[] floatWav(float odd, int rate, int seconds) {
        ByteBuffer data = ByteBuffer.allocate(rate * seconds * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rate * seconds; i++) {
            data.putFloat(i % 50 == 0 ? odd : (float) (0.3 * Math.sin(2 * Math.PI * 180 * i / (double) rate)));
        }
        return riff(3, 32, rate, 1, data.array());
    }

    public static byte[] riff(int format, int bits, int rate, int channels, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) format).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        b.put("data".getBytes()).putInt(data.length).put(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b.array());
        return out.toByteArray();
    }
}
