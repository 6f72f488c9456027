package io.briefaudio.worker.voices;

import io.briefaudio.shared.voices.ClipAudio;
import io.briefaudio.shared.voices.ClipCheck;
import io.briefaudio.shared.voices.ClipException;
import io.briefaudio.shared.voices.ClipException.Reason;
import io.briefaudio.shared.voices.WavClipDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A stored clip to checked mono samples. WAV is read in Java; anything else (MP3, Ogg/Opus, FLAC, M4A, WebM) and
 * WAV at a rate the Java resampler cannot take is converted by ffmpeg to float WAV first (channels and rate kept,
 * unless the rate must change). Then {@link ClipCheck} trims silence and enforces 3-30 s.
 */
public final class ClipReader {

    /** Rate for clips whose own rate the Java resampler cannot take (see Resampler.MAX_KERNEL_FLOATS). */
    static final int FALLBACK_RATE = 48000;
    private static final long TIMEOUT_SECONDS = 60;
    /** Decoding stops here: enough to tell "too long" (over 30 s of sound) without inflating a 10 MB file to GBs. */
    private static final String MAX_DECODED_SECONDS = "120";

    private final String ffmpeg;

    public ClipReader(String ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** Decodes, trims and checks; {@code rateOk} says whether the engine can resample a rate itself. */
    public ClipAudio read(byte[] clip, java.util.function.IntPredicate rateOk) throws ClipException, IOException {
        ClipCheck.checkSize(clip.length);
        ClipAudio audio = WavClipDecoder.isWav(clip) ? WavClipDecoder.decode(clip) : convert(clip, null);
        if (!rateOk.test(audio.sampleRate())) {
            audio = convert(clip, FALLBACK_RATE);
        }
        return ClipCheck.trimAndCheck(audio);
    }

    private ClipAudio convert(byte[] clip, Integer rate) throws ClipException, IOException {
        List<String> command = new java.util.ArrayList<>(List.of(ffmpeg, "-nostdin", "-v", "error", "-i", "pipe:0",
                "-vn", "-t", MAX_DECODED_SECONDS, "-f", "wav", "-acodec", "pcm_f32le"));
        if (rate != null) {
            command.addAll(List.of("-ar", rate.toString()));
        }
        command.add("pipe:1");
        Process p = new ProcessBuilder(command).start();
        CompletableFuture<Void> feed = CompletableFuture.runAsync(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write(clip);
            } catch (IOException ignored) {
                // ffmpeg stopped reading: it will report why on stderr
            }
        });
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        byte[] wav = drain(p.getInputStream());
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("ffmpeg did not finish within " + TIMEOUT_SECONDS + " s");
            }
            feed.join();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decoding the clip", e);
        }
        if (p.exitValue() != 0 || wav.length <= 44) {
            String why = new String(errors.join(), java.nio.charset.StandardCharsets.UTF_8).strip();
            throw new ClipException(Reason.NOT_AUDIO, "the clip could not be decoded as audio"
                    + (why.isEmpty() ? "" : ": " + why.lines().findFirst().orElse("")));
        }
        return WavClipDecoder.decode(wav);
    }

    private static byte[] drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
