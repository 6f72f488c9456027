package io.briefaudio.shared.voices;

import io.briefaudio.shared.voices.ClipException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads RIFF/WAVE clips in Java: integer PCM of 8, 16, 24 or 32 bits and IEEE float of 32 or 64 bits, any channel
 * count (including WAVE_FORMAT_EXTENSIBLE), any sample rate. Channels are averaged into one.
 */
public final class WavClipDecoder {

    private static final int PCM = 1;
    private static final int FLOAT = 3;
    private static final int EXTENSIBLE = 0xFFFE;

    private WavClipDecoder() {
    }

    public static boolean isWav(byte[] bytes) {
        return bytes.length >= 12 && "RIFF".equals(tag(bytes, 0)) && "WAVE".equals(tag(bytes, 8));
    }

    public static ClipAudio decode(byte[] wav) throws ClipException {
        if (!isWav(wav)) {
            throw new ClipException(Reason.NOT_AUDIO, "the clip is not a RIFF/WAVE file");
        }
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int offset = 12;
        while (offset + 8 <= wav.length) {
            String id = tag(wav, offset);
            long size = Integer.toUnsignedLong(in.getInt(offset + 4));
            int body = offset + 8;
            if ("fmt ".equals(id) && size >= 16 && body + 16 <= wav.length) {
                format = in.getShort(body) & 0xffff;
                channels = in.getShort(body + 2) & 0xffff;
                rate = in.getInt(body + 4);
                bits = in.getShort(body + 14) & 0xffff;
                if (format == EXTENSIBLE && size >= 26 && body + 26 <= wav.length) {
                    format = in.getShort(body + 24) & 0xffff; // the sub-format GUID starts with the format code
                }
            } else if ("data".equals(id)) {
                if (format < 0) {
                    throw new ClipException(Reason.NOT_AUDIO, "the WAV data chunk comes before its format chunk");
                }
                int length = (int) Math.min(size, wav.length - body); // streamed files carry placeholder sizes
                return new ClipAudio(samples(in, body, length, format, channels, bits, rate), rate);
            }
            offset = (int) Math.min(wav.length, body + size + (size & 1));
        }
        throw new ClipException(Reason.NOT_AUDIO, "the WAV file has no data chunk");
    }

    private static float[] samples(ByteBuffer in, int body, int length, int format, int channels, int bits, int rate)
            throws ClipException {
        boolean supported = (format == PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32))
                || (format == FLOAT && (bits == 32 || bits == 64));
        if (!supported || channels < 1 || rate < 1000 || rate > 384_000) {
            throw new ClipException(Reason.NOT_AUDIO, "unsupported WAV encoding: format " + format + ", " + bits
                    + " bits, " + channels + " channels, " + rate + " Hz (use PCM or float, 1000-384000 Hz)");
        }
        int width = bits / 8;
        int frames = length / (width * channels);
        float[] out = new float[frames];
        for (int f = 0; f < frames; f++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample(in, body + (f * channels + c) * width, format, bits);
            }
            out[f] = sum / channels;
        }
        return out;
    }

    private static float sample(ByteBuffer in, int at, int format, int bits) {
        if (format == FLOAT) {
            return bits == 32 ? in.getFloat(at) : (float) in.getDouble(at);
        }
        return switch (bits) {
            case 8 -> ((in.get(at) & 0xff) - 128) / 128f;
            case 16 -> in.getShort(at) / 32768f;
            case 24 -> ((in.get(at) & 0xff) | ((in.get(at + 1) & 0xff) << 8) | (in.get(at + 2) << 16)) / 8388608f;
            default -> (float) (in.getInt(at) / 2147483648.0);
        };
    }

    private static String tag(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
    }
}
