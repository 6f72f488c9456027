package io.briefaudio.worker.tts.espeak;

import io.briefaudio.worker.tts.EngineUnavailableException;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.text.TextPreparer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The espeak-ng command-line program, run as a separate process (it is GPL: we never link it). Used for speech
 * by the eSpeak NG engine and for IPA by the Kokoro front end. Stateless and thread-safe: every call runs its
 * own process. Text goes in on standard input, never on the command line, and SSML is never switched on, so
 * nothing in an item's text can act as an option or markup.
 */
public final class EspeakProgram {

    private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+(?:\\.\\d+)?)");
    private static final int STDERR_CHARS_IN_ERRORS = 300;

    private final String program;
    private final Duration timeout;
    private final String version;

    /** @throws EngineUnavailableException when the program cannot be run */
    public EspeakProgram(String program, Duration timeout) {
        this.program = program;
        this.timeout = timeout;
        this.version = probeVersion(program);
    }

    /** The program's version, e.g. {@code 1.51}. */
    public String version() {
        return version;
    }

    /**
     * Runs the program with the options, UTF-8 text on standard input ({@code -b 1 --stdin} are added).
     *
     * @return what it wrote to standard output
     * @throws SynthesisException (not permanent) when it cannot be run, exits with an error or takes too long
     */
    public byte[] run(List<String> options, String text) throws SynthesisException {
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(options);
        command.addAll(List.of("-b", "1", "--stdin"));
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("espeak-", ".out");
            err = Files.createTempFile("espeak-", ".err");
            // Files rather than pipes: the process cannot block on a full pipe, so waitFor's timeout holds.
            Process process = start(new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()));
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new SynthesisException("espeak-ng took longer than " + timeout + " for "
                        + text.length() + " characters", false);
            }
            if (process.exitValue() != 0) {
                throw new SynthesisException("espeak-ng exited with " + process.exitValue() + ": " + excerpt(err), false);
            }
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new SynthesisException("espeak-ng failed: " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynthesisException("interrupted while waiting for espeak-ng", false, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /**
     * eSpeak NG's own reading of text: no control characters (a stray byte must not become an embedded
     * command), no {@code [[phonemes]]}, one line. What remains is only ever spoken.
     */
    public static String sanitize(String text) {
        return TextPreparer.cleanCharacters(text).replace('\n', ' ').strip();
    }

    private Process start(ProcessBuilder builder) throws SynthesisException {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new SynthesisException(missingProgram(program), false, e);
        }
    }

    private static String probeVersion(String program) {
        try {
            Process process = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new EngineUnavailableException("'" + program + " --version' failed: " + output.strip());
            }
            Matcher version = VERSION.matcher(output);
            return version.find() ? version.group(1) : "unknown";
        } catch (IOException e) {
            throw new EngineUnavailableException(missingProgram(program), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while probing " + program, e);
        }
    }

    private static String missingProgram(String program) {
        return "eSpeak NG is not installed: cannot run '" + program
                + "'. Install the espeak-ng package (apt-get install espeak-ng) or set briefaudio.tts.espeak.program";
    }

    private static String excerpt(Path err) throws IOException {
        String text = Files.readString(err, StandardCharsets.UTF_8).strip();
        return text.length() > STDERR_CHARS_IN_ERRORS ? text.substring(0, STDERR_CHARS_IN_ERRORS) + "…" : text;
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // A temp file left behind is harmless; the synthesis result matters more.
            }
        }
    }
}
