package io.briefaudio.worker.tts.espeak;

import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.worker.tts.EngineUnavailableException;
import io.briefaudio.worker.tts.SpeechEngine;
import io.briefaudio.worker.tts.SynthesisException;
import io.briefaudio.worker.tts.audio.Pcm;
import io.briefaudio.worker.tts.audio.WavDecoder;
import io.briefaudio.worker.tts.text.TextPreparer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * eSpeak NG through its command-line program: the light engine that works out of the box. Stateless and
 * thread-safe: every call runs its own process. Text goes in on standard input, never on the command
 * line, and SSML is never switched on, so nothing in an item's text can act as an option or markup.
 */
public class EspeakEngine implements SpeechEngine {

    /** No hard limit in eSpeak NG; this keeps one call's time, and so the timeout, predictable. */
    static final int MAX_CHUNK_CHARS = 500;
    private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+(?:\\.\\d+)?)");
    private static final int STDERR_CHARS_IN_ERRORS = 300;

    private final String program;
    private final Duration timeout;
    private final String version;

    /** @throws EngineUnavailableException when the program cannot be run */
    public EspeakEngine(String program, Duration timeout) {
        this.program = program;
        this.timeout = timeout;
        this.version = probeVersion(program) + "/" + EspeakVoices.REVISION;
    }

    public EspeakEngine(String program, long timeoutMillis) {
        this(program, Duration.ofMillis(timeoutMillis));
    }

    @Override
    public String name() {
        return "espeak-ng";
    }

    @Override
    public String modelVersion() {
        return version;
    }

    @Override
    public Set<String> languages() {
        return EspeakVoices.LANGUAGES.keySet();
    }

    @Override
    public int maxChunkChars(String language) {
        return MAX_CHUNK_CHARS;
    }

    @Override
    public Pcm synthesize(String text, VoicePreset voice, String language) throws SynthesisException {
        EspeakVoices.Voice espeakVoice = EspeakVoices.voice(language, voice);
        if (espeakVoice == null) {
            throw new SynthesisException("eSpeak NG has no voice for language '" + language + "'", true);
        }
        if (text.length() > MAX_CHUNK_CHARS) {
            throw new SynthesisException("chunk of " + text.length() + " characters exceeds eSpeak NG's limit of "
                    + MAX_CHUNK_CHARS, true);
        }
        String safeText = sanitize(text);
        // -z: no pause after the last sentence, the narrator sets pauses; -b 1: input is UTF-8.
        List<String> command = List.of(program, "-v", espeakVoice.name(), "-p", String.valueOf(espeakVoice.pitch()),
                "-s", String.valueOf(espeakVoice.wordsPerMinute()), "-z", "-b", "1", "--stdin", "--stdout");
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("espeak-", ".wav");
            err = Files.createTempFile("espeak-", ".err");
            // Files rather than pipes: the process cannot block on a full pipe, so waitFor's timeout holds.
            Process process = start(new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()));
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(safeText.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new SynthesisException("espeak-ng took longer than " + timeout + " for "
                        + safeText.length() + " characters", false);
            }
            if (process.exitValue() != 0) {
                throw new SynthesisException("espeak-ng exited with " + process.exitValue() + ": " + excerpt(err), false);
            }
            return WavDecoder.decode(Files.readAllBytes(out));
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
    static String sanitize(String text) {
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
