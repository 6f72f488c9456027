package io.briefaudio.shared.audio.codec;

import io.briefaudio.shared.audio.AudioFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Encodes WAV to the formats of {@link AudioFormat} and decodes any of them back to WAV, through the
 * {@code ffmpeg} program (Debian's package: MP3 by LAME, Opus by libopus, AAC by FFmpeg's own encoder).
 * Like eSpeak NG it runs as a process per call: no shell, arguments as a list, files instead of pipes so a
 * full pipe can never block past the timeout. Thread-safe. Settings suit speech: mono, 64 kb/s MP3 and AAC,
 * 32 kb/s Opus. Output is bit-exact (no encoder version tags), so equal input gives equal bytes.
 */
public class FfmpegCodec {

    /** Opus works at 48 kHz inside; resampling once, in FFmpeg, is better than letting each decoder do it. */
    static final int OPUS_SAMPLE_RATE = 48_000;
    private static final int STDERR_CHARS_IN_ERRORS = 400;

    private final String program;
    private final Duration timeout;

    public FfmpegCodec(String program, Duration timeout) {
        this.program = program;
        this.timeout = timeout;
    }

    /** Encodes a WAV file (any PCM layout FFmpeg reads) to {@code format}, mono. */
    public byte[] encode(byte[] wav, AudioFormat format) throws CodecException {
        return encode(wav, format, null, List.of());
    }

    /**
     * Encodes with a title and chapter marks: ID3v2 CHAP/CTOC frames in MP3, a chapter track in M4A,
     * CHAPTERnnn comments in Ogg. WAV, AAC and FLAC carry the title only.
     */
    public byte[] encode(byte[] wav, AudioFormat format, String title, List<Chapter> chapters) throws CodecException {
        if (format == AudioFormat.WAV && title == null && chapters.isEmpty()) {
            return wav;
        }
        return run(wav, "wav", format.extension(), work -> {
            List<String> args = new ArrayList<>(List.of("-i", work.input().toString()));
            boolean vorbisComments = format == AudioFormat.OPUS || format == AudioFormat.FLAC;
            if (title != null || !chapters.isEmpty()) {
                Path metadata = work.file("metadata.txt");
                Files.writeString(metadata, FfMetadata.of(title, chapters, vorbisComments), StandardCharsets.UTF_8);
                args.addAll(List.of("-i", metadata.toString(), "-map", "0:a", "-map_metadata", "1",
                        // FFmpeg 5.1 writes Ogg chapter times wrongly (whole seconds rounded): we write them as comments.
                        "-map_chapters", vorbisComments ? "-1" : "1"));
            } else {
                args.addAll(List.of("-map", "0:a", "-map_metadata", "-1", "-map_chapters", "-1"));
            }
            args.addAll(List.of("-ac", "1"));
            args.addAll(codecArguments(format));
            return args;
        });
    }

    /** Decodes any audio FFmpeg reads to a mono 16-bit WAV at {@code sampleRate}. */
    public byte[] decodeToWav(byte[] audio, int sampleRate) throws CodecException {
        return run(audio, "in", "wav", work -> List.of("-i", work.input().toString(), "-map", "0:a",
                "-map_metadata", "-1", "-ac", "1", "-ar", String.valueOf(sampleRate), "-c:a", "pcm_s16le", "-f", "wav"));
    }

    /**
     * {@link #encode(byte[], AudioFormat)} from the WAV file {@code wav} to the file {@code out}, file to file: the same
     * bytes, without either passing through this process's memory.
     */
    public void encodeFile(Path wav, Path out, AudioFormat format) throws CodecException {
        if (format == AudioFormat.WAV) {
            try {
                Files.copy(wav, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (IOException e) {
                throw new CodecException("copying " + wav + " failed: " + e.getMessage(), e);
            }
        }
        List<String> args = new ArrayList<>(List.of("-i", wav.toString(), "-map", "0:a", "-map_metadata", "-1",
                "-map_chapters", "-1", "-ac", "1"));
        args.addAll(codecArguments(format));
        runFiles(args, out, timeout, wav + "");
    }

    /** {@link #decodeToWav(byte[], int)} from the audio file {@code in} to the file {@code out}. */
    public void decodeToWavFile(Path in, Path out, int sampleRate) throws CodecException {
        runFiles(List.of("-i", in.toString(), "-map", "0:a", "-map_metadata", "-1", "-ac", "1",
                "-ar", String.valueOf(sampleRate), "-c:a", "pcm_s16le", "-f", "wav"), out, timeout, in + "");
    }

    /**
     * Decodes the audio file {@code in} to raw mono 32-bit float samples ({@code f32le}) at {@code sampleRate}
     * in {@code out}: file to file, so nothing of it passes through this process's memory.
     */
    public void decodeToRawFile(Path in, Path out, int sampleRate, Duration timeout) throws CodecException {
        List<String> args = List.of("-i", in.toString(), "-map", "0:a", "-map_metadata", "-1", "-ac", "1",
                "-ar", String.valueOf(sampleRate), "-c:a", "pcm_f32le", "-f", "f32le");
        runFiles(args, out, timeout, in + "");
    }

    /**
     * Encodes raw mono 32-bit float samples ({@code f32le} at {@code sampleRate}) from a file to {@code out}
     * in {@code format}, with a title and chapter marks as {@link #encode(byte[], AudioFormat, String, List)}.
     */
    public void encodeRawFile(Path raw, int sampleRate, Path out, AudioFormat format, String title,
                              List<Chapter> chapters, Duration timeout) throws CodecException {
        Path metadata = null;
        try {
            List<String> args = new ArrayList<>(List.of("-f", "f32le", "-ar", String.valueOf(sampleRate), "-ac", "1",
                    "-i", raw.toString()));
            boolean vorbisComments = format == AudioFormat.OPUS || format == AudioFormat.FLAC;
            if (title != null || !chapters.isEmpty()) {
                metadata = Files.createTempFile("ffmetadata-", ".txt");
                Files.writeString(metadata, FfMetadata.of(title, chapters, vorbisComments), StandardCharsets.UTF_8);
                args.addAll(List.of("-i", metadata.toString(), "-map", "0:a", "-map_metadata", "1",
                        "-map_chapters", vorbisComments ? "-1" : "1"));
            } else {
                args.addAll(List.of("-map", "0:a", "-map_metadata", "-1", "-map_chapters", "-1"));
            }
            args.addAll(List.of("-ac", "1"));
            args.addAll(codecArguments(format));
            runFiles(args, out, timeout, raw + "");
        } catch (IOException e) {
            throw new CodecException("ffmpeg failed: " + e.getMessage(), e);
        } finally {
            if (metadata != null) {
                try {
                    Files.deleteIfExists(metadata);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    static List<String> codecArguments(AudioFormat format) {
        return switch (format) {
            case WAV -> List.of("-c:a", "pcm_s16le", "-f", "wav");
            case MP3 -> List.of("-c:a", "libmp3lame", "-b:a", "64k", "-id3v2_version", "3", "-f", "mp3");
            // "audio", not "voip": voip's speech emphasis overshoots peaks by about 1.5 dB at this rate.
            case OPUS -> List.of("-c:a", "libopus", "-b:a", "32k", "-application", "audio",
                    "-ar", String.valueOf(OPUS_SAMPLE_RATE), "-f", "ogg");
            // faststart: the index goes first, so a player can start before the whole file arrived.
            case M4A -> List.of("-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart", "-f", "ipod");
            case AAC -> List.of("-c:a", "aac", "-b:a", "64k", "-f", "adts");
            case FLAC -> List.of("-c:a", "flac", "-sample_fmt", "s16", "-f", "flac");
        };
    }

    private interface Arguments {
        List<String> between(Work work) throws IOException;
    }

    private record Work(Path dir, Path input, Path output) {
        Path file(String name) {
            return dir.resolve(name);
        }
    }

    private byte[] run(byte[] input, String inputExtension, String outputExtension, Arguments arguments)
            throws CodecException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ffmpeg-");
            Work work = new Work(dir, dir.resolve("input." + inputExtension), dir.resolve("output." + outputExtension));
            Files.write(work.input(), input);
            List<String> command = new ArrayList<>(List.of(program, "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
            command.addAll(arguments.between(work));
            command.addAll(List.of("-fflags", "+bitexact", "-flags:a", "+bitexact", work.output().toString()));
            Path err = work.file("stderr.txt");
            Process process = start(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CodecException("ffmpeg took longer than " + timeout + " for " + input.length + " bytes");
            }
            if (process.exitValue() != 0) {
                throw new CodecException("ffmpeg exited with " + process.exitValue() + ": " + excerpt(err));
            }
            return Files.readAllBytes(work.output());
        } catch (IOException e) {
            throw new CodecException("ffmpeg failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodecException("interrupted while waiting for ffmpeg", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Runs ffmpeg from files to the file {@code output}; its stderr goes to a temp file for the error message. */
    private void runFiles(List<String> arguments, Path output, Duration limit, String what) throws CodecException {
        Path err = null;
        Process process = null;
        try {
            err = Files.createTempFile("ffmpeg-", ".err");
            List<String> command = new ArrayList<>(List.of(program, "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
            command.addAll(arguments);
            command.addAll(List.of("-fflags", "+bitexact", "-flags:a", "+bitexact", output.toString()));
            process = start(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile()));
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CodecException("ffmpeg took longer than " + limit + " for " + what);
            }
            if (process.exitValue() != 0) {
                throw new CodecException("ffmpeg exited with " + process.exitValue() + ": " + excerpt(err));
            }
        } catch (IOException e) {
            throw new CodecException("ffmpeg failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            // The lease was lost or the worker stops: an encode of hours must not outlive the attempt.
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CodecException("interrupted while waiting for ffmpeg", e);
        } finally {
            if (err != null) {
                try {
                    Files.deleteIfExists(err);
                } catch (IOException ignored) {
                    // harmless
                }
            }
        }
    }

    /** The configured limit for one encode or decode. */
    public Duration timeout() {
        return timeout;
    }

    private Process start(ProcessBuilder builder) throws CodecException {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new CodecException("FFmpeg is not installed: cannot run '" + program
                    + "'. Install the ffmpeg package (apt-get install ffmpeg) or set briefaudio.audio.ffmpeg.program", e);
        }
    }

    private static String excerpt(Path err) throws IOException {
        String text = Files.readString(err, StandardCharsets.UTF_8).strip();
        return text.length() > STDERR_CHARS_IN_ERRORS ? text.substring(0, STDERR_CHARS_IN_ERRORS) + "…" : text;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // A temp file left behind is harmless; the result matters more.
        }
    }
}
