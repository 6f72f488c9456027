package io.briefaudio.shared.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What FFmpeg's own tools say about an audio file, for tests: ffprobe's streams and chapters, ebur128 loudness. */
public final class Ffprobe {

    private Ffprobe() {
    }

    public record ProbedChapter(String title, long startMillis, long endMillis) {
    }

    public record Probe(String codec, int sampleRate, int channels, double durationSeconds, String formatName,
                        List<ProbedChapter> chapters) {
    }

    /** EBU R128 integrated loudness and true peak as FFmpeg's ebur128 filter measures them. */
    public record Loudness(double integratedLufs, double truePeakDbtp) {
    }

    public static Probe probe(byte[] audio) {
        String out = run(audio, List.of("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_chapters",
                "-show_entries", "stream=codec_name,sample_rate,channels:format=duration,format_name", "-of", "compact=p=1:nk=0"));
        String codec = null;
        String formatName = null;
        int rate = 0;
        int channels = 0;
        double duration = 0;
        List<ProbedChapter> chapters = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("stream|")) {
                codec = field(line, "codec_name");
                rate = Integer.parseInt(field(line, "sample_rate"));
                channels = Integer.parseInt(field(line, "channels"));
            } else if (line.startsWith("format|")) {
                duration = Double.parseDouble(field(line, "duration"));
                formatName = field(line, "format_name");
            } else if (line.startsWith("chapter|")) {
                chapters.add(new ProbedChapter(field(line, "tag:title"),
                        Math.round(Double.parseDouble(field(line, "start_time")) * 1000),
                        Math.round(Double.parseDouble(field(line, "end_time")) * 1000)));
            }
        }
        return new Probe(codec, rate, channels, duration, formatName, chapters);
    }

    public static Loudness loudness(byte[] audio) {
        String out = run(audio, List.of("ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", "%s",
                "-filter_complex", "ebur128=peak=true", "-f", "null", "-"));
        String summary = out.substring(out.lastIndexOf("Summary:"));
        return new Loudness(number(summary, "I:\\s+(-?[0-9.]+|-inf) LUFS"), number(summary, "Peak:\\s+(-?[0-9.]+|-inf) dBFS"));
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + regex + " in " + text);
        }
        return m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
    }

    private static String field(String line, String key) {
        for (String part : line.split("\\|")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        return null;
    }

    /** Runs the tool on the bytes (as a file, so every container can be probed), output and errors together. */
    private static String run(byte[] audio, List<String> command) {
        Path file = null;
        try {
            file = Files.createTempFile("probe-", ".bin");
            Files.write(file, audio);
            List<String> args = new ArrayList<>(command);
            if (!args.contains("%s")) {
                args.add(file.toString());
            } else {
                args.set(args.indexOf("%s"), file.toString());
            }
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(args + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + " (apt-get install ffmpeg)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }
}
