package io.briefaudio.shared.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Test audio: a 440 Hz tone as a 16-bit mono WAV file. */
public final class Tones {

    public static final int RATE = 22_050;

    private Tones() {
    }

    /** {@code millis} of a 440 Hz tone at a third of full scale, at 22,050 Hz. */
    public static byte[] wav(int millis) {
        int n = RATE * millis / 1000;
        ByteBuffer out = ByteBuffer.allocate(44 + n * 2).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes()).putInt(36 + n * 2).put("WAVEfmt ".getBytes()).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(n * 2);
        for (int i = 0; i < n; i++) {
            out.putShort((short) Math.round(Math.sin(2 * Math.PI * 440 * i / RATE) * 10_000));
        }
        return out.array();
    }
}
