package io.briefaudio.api.openai;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Turns a stored WAV into the requested format and speed with ffmpeg (time-stretched with {@code atempo},
 * pitch kept). The stored audio stays at speed 1 so that the content cache serves every speed.
 * A WAV at speed 1 is returned as stored, without ffmpeg.
 */
@ApplicationScoped
public class SpeechTranscoder {

    private final OpenAiConfig config;

    public SpeechTranscoder(OpenAiConfig config) {
        this.config = config;
    }

    public byte[] transcode(byte[] wav, AudioFormat format, double speed) {
        if (format == AudioFormat.WAV && speed == 1.0) {
            return wav;
        }
        List<String> command = new ArrayList<>(List.of(config.ffmpeg(), "-nostdin", "-hide_banner", "-loglevel", "error",
                "-f", "wav", "-i", "pipe:0"));
        if (speed != 1.0) {
            command.addAll(List.of("-filter:a", atempoChain(speed)));
        }
        command.addAll(format.ffmpegOutput());
        command.add("pipe:1");
        try {
            Path errors = Files.createTempFile("ffmpeg", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Thread feeder = new Thread(() -> {
                    try (OutputStream in = process.getOutputStream()) {
                        in.write(wav);
                    } catch (IOException ignored) {
                        // ffmpeg stopped reading: its exit status says why
                    }
                }, "ffmpeg-feed");
                feeder.setDaemon(true);
                feeder.start();
                try (InputStream result = process.getInputStream()) {
                    result.transferTo(out);
                }
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException("ffmpeg failed: " + Files.readString(errors).strip());
                }
                feeder.join();
                return out.toByteArray();
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new OpenAiError(400, "invalid_request_error", "response_format", "unsupported_format",
                    "This server cannot encode " + format.id() + " at speed " + speed + " (ffmpeg is not available); "
                            + "ask for wav at speed 1.0");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        }
    }

    /** ffmpeg's atempo takes 0.5 to 2.0 per stage in older builds: chain stages for 0.25 to 4.0. */
    static String atempoChain(double speed) {
        List<String> stages = new ArrayList<>();
        double rest = speed;
        while (rest < 0.5) {
            stages.add("atempo=0.5");
            rest /= 0.5;
        }
        while (rest > 2.0) {
            stages.add("atempo=2.0");
            rest /= 2.0;
        }
        stages.add(String.format(Locale.ROOT, "atempo=%.6f", rest));
        return String.join(",", stages);
    }
}
