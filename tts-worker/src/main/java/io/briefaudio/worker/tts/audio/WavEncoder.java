package io.briefaudio.worker.tts.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes mono float samples as a RIFF/WAVE file, PCM 16-bit little-endian. */
public final class WavEncoder {

    private static final int HEADER_BYTES = 44;

    private WavEncoder() {
    }

    public static byte[] encode(Pcm pcm) {
        float[] samples = pcm.samples();
        int dataBytes = samples.length * 2;
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.putInt(36 + dataBytes);
        out.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.putInt(16);
        out.putShort((short) 1);
        out.putShort((short) 1);
        out.putInt(pcm.sampleRate());
        out.putInt(pcm.sampleRate() * 2);
        out.putShort((short) 2);
        out.putShort((short) 16);
        out.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.putInt(dataBytes);
        for (float sample : samples) {
            float clamped = Math.max(-1f, Math.min(1f, sample));
            out.putShort((short) Math.round(clamped * 32767f));
        }
        return out.array();
    }
}
