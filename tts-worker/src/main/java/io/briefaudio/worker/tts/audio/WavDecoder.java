package io.briefaudio.worker.tts.audio;

import io.briefaudio.worker.tts.SynthesisException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads a PCM 16-bit mono RIFF/WAVE file by walking its chunks. A streamed file (eSpeak NG's
 * {@code --stdout}) carries placeholder lengths, so a data chunk runs to the end of what is there.
 */
public final class WavDecoder {

    private WavDecoder() {
    }

    public static Pcm decode(byte[] wav) throws SynthesisException {
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || !"RIFF".equals(tag(wav, 0)) || !"WAVE".equals(tag(wav, 8))) {
            throw new SynthesisException("engine output is not a WAV file (" + wav.length + " bytes)", false);
        }
        int sampleRate = 0;
        int offset = 12;
        while (offset + 8 <= wav.length) {
            String id = tag(wav, offset);
            long size = Integer.toUnsignedLong(in.getInt(offset + 4));
            int body = offset + 8;
            if ("fmt ".equals(id)) {
                sampleRate = checkFormat(in, body, size);
            } else if ("data".equals(id)) {
                if (sampleRate == 0) {
                    throw new SynthesisException("WAV data chunk comes before its format", false);
                }
                int available = wav.length - body;
                int dataBytes = (int) Math.min(size, available);
                float[] samples = new float[dataBytes / 2];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = in.getShort(body + 2 * i) / 32768f;
                }
                return new Pcm(samples, sampleRate);
            }
            offset = (int) Math.min(wav.length, body + size + (size & 1));
        }
        throw new SynthesisException("WAV file has no data chunk", false);
    }

    private static int checkFormat(ByteBuffer in, int body, long size) throws SynthesisException {
        if (size < 16 || body + 16 > in.limit()) {
            throw new SynthesisException("WAV format chunk is truncated", false);
        }
        int encoding = in.getShort(body) & 0xffff;
        int channels = in.getShort(body + 2);
        int bits = in.getShort(body + 14);
        if (encoding != 1 || channels != 1 || bits != 16) {
            throw new SynthesisException("expected PCM 16-bit mono WAV, got encoding " + encoding + ", "
                    + channels + " channels, " + bits + " bits", false);
        }
        return in.getInt(body + 4);
    }

    private static String tag(byte[] wav, int offset) {
        return new String(wav, offset, 4, StandardCharsets.US_ASCII);
    }
}
