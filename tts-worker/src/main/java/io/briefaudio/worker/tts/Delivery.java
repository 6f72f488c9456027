package io.briefaudio.worker.tts;

import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.shared.audio.codec.Chapter;
import io.briefaudio.shared.audio.codec.CodecException;
import io.briefaudio.shared.audio.codec.FfmpegCodec;
import io.briefaudio.worker.tts.audio.FileLoudness;
import io.briefaudio.worker.tts.audio.Loudness;
import io.briefaudio.worker.tts.audio.LoudnessMeter;
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.audio.WavDecoder;
import io.briefaudio.worker.tts.audio.WavEncoder;
import io.briefaudio.worker.tts.audio.WavFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Encodes levelled audio and checks what a listener gets. Lossy encoders overshoot peaks (Opus at 32 kb/s by
 * up to 2 dB), so the encoded file is decoded and its true peak measured; when it passes the ceiling the
 * audio is levelled again with a lower peak ceiling (same loudness, harder limiting) and encoded again.
 */
public final class Delivery {

    private static final int ROUNDS = 3;
    /** Aim this far under the ceiling when correcting, so one correction is usually enough. */
    private static final double MARGIN_DB = 0.3;

    private final FfmpegCodec codec;
    private final double targetLufs;
    private final double truePeakDbtp;

    public Delivery(FfmpegCodec codec, double targetLufs, double truePeakDbtp) {
        this.codec = codec;
        this.targetLufs = targetLufs;
        this.truePeakDbtp = truePeakDbtp;
    }

    public byte[] encode(Pcm levelled, AudioFormat format, String title, List<Chapter> chapters)
            throws SynthesisException {
        try {
            Pcm pcm = levelled;
            byte[] encoded = codec.encode(WavEncoder.encode(pcm), format, title, chapters);
            if (format == AudioFormat.WAV) {
                return encoded;
            }
            double ceiling = truePeakDbtp;
            for (int round = 0; round < ROUNDS; round++) {
                Pcm heard = WavDecoder.decode(codec.decodeToWav(encoded, pcm.sampleRate()));
                double overshoot = Loudness.toDb(LoudnessMeter.truePeak(heard.samples())) - truePeakDbtp;
                if (overshoot <= 0) {
                    break;
                }
                ceiling -= overshoot + MARGIN_DB;
                pcm = Loudness.normalise(levelled, targetLufs, ceiling);
                encoded = codec.encode(WavEncoder.encode(pcm), format, title, chapters);
            }
            return encoded;
        } catch (CodecException e) {
            throw new SynthesisException("encoding to " + format.id() + " failed: " + e.getMessage(), false, e);
        }
    }

    /**
     * {@code encode(WavDecoder.decode(wav bytes), format, null, List.of())} for levelled audio in a PCM 16-bit WAV file
     * ({@code wav}, as {@link Narrator} writes an item) into the file {@code encoded}, through files in {@code work}:
     * the same bytes, in memory independent of the audio's length. As there, the decoded samples are what is encoded
     * (written as WAV again) and what a correction levels.
     */
    public void encodeWav(Path wav, int sampleRate, Path encoded, AudioFormat format, Path work)
            throws SynthesisException {
        try {
            Path levelled = work.resolve("levelled.f32");
            Path input = work.resolve("input.wav");
            Path heard = work.resolve("heard.wav");
            WavFile.toRaw(wav, levelled);
            FileEncoding encode = samples -> {
                WavFile.write(samples, input, sampleRate);
                codec.encodeFile(input, encoded, format);
                Files.delete(input);
            };
            encode.encode(levelled);
            if (format != AudioFormat.WAV) {
                keepUnderTruePeak(levelled, sampleRate, work, encode, () -> {
                    codec.decodeToWavFile(encoded, heard, sampleRate);
                    double peak = WavFile.truePeak(heard);
                    Files.delete(heard);
                    return peak;
                });
            }
            Files.delete(levelled);
        } catch (CodecException e) {
            throw new SynthesisException("encoding to " + format.id() + " failed: " + e.getMessage(), false, e);
        } catch (IOException e) {
            throw new SynthesisException("encoding to " + format.id() + " failed: " + e, false, e);
        }
    }

    /**
     * {@link #encode} for levelled audio in a raw file ({@code f32le}, see {@code RawAudio}) into the file
     * {@code encoded}, through files in {@code work}: what a listener gets is decoded to a file and measured a
     * block at a time, so an episode of hours never sits in memory.
     */
    public void encodeFile(Path levelled, int sampleRate, Path encoded, AudioFormat format, String title,
                           List<Chapter> chapters, Path work, Duration timeout) throws SynthesisException {
        try {
            FileEncoding encode = samples -> codec.encodeRawFile(samples, sampleRate, encoded, format, title, chapters,
                    timeout);
            encode.encode(levelled);
            if (format == AudioFormat.WAV) {
                return;
            }
            Path heard = work.resolve("heard.f32");
            keepUnderTruePeak(levelled, sampleRate, work, encode, () -> {
                codec.decodeToRawFile(encoded, heard, sampleRate, timeout);
                double peak = FileLoudness.truePeak(heard);
                Files.delete(heard);
                return peak;
            });
        } catch (CodecException e) {
            throw new SynthesisException("encoding to " + format.id() + " failed: " + e.getMessage(), false, e);
        } catch (IOException e) {
            throw new SynthesisException("encoding to " + format.id() + " failed: " + e, false, e);
        }
    }

    /** Encodes levelled samples in a raw file into the delivery's encoded file. */
    private interface FileEncoding {
        void encode(Path samples) throws IOException, CodecException;
    }

    /** The true peak (linear) of the encoded file as a listener's decoder gives it. */
    private interface Hearing {
        double truePeak() throws IOException, CodecException;
    }

    /**
     * {@link #encode}'s correction for files: while what a listener hears overshoots the ceiling, {@code levelled}
     * is levelled again under a lower ceiling and encoded again, at most {@link #ROUNDS} times.
     */
    private void keepUnderTruePeak(Path levelled, int sampleRate, Path work, FileEncoding encode, Hearing hear)
            throws IOException, CodecException {
        Path relevelled = work.resolve("relevelled.f32");
        double ceiling = truePeakDbtp;
        for (int round = 0; round < ROUNDS; round++) {
            double overshoot = Loudness.toDb(hear.truePeak()) - truePeakDbtp;
            if (overshoot <= 0) {
                break;
            }
            ceiling -= overshoot + MARGIN_DB;
            FileLoudness.normalise(levelled, relevelled, sampleRate, targetLufs, ceiling);
            encode.encode(relevelled);
        }
        Files.deleteIfExists(relevelled);
    }
}
