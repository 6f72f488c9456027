package io.briefaudio.worker.tts;

import io.briefaudio.shared.voices.VoicePreset;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** eSpeak NG through its command-line program: the light engine that works out of the box. */
public class EspeakEngine implements SpeechEngine {

    private static final Map<String, String> VOICES = Map.ofEntries(
            Map.entry("en", "en-us"), Map.entry("es", "es"), Map.entry("fr", "fr"), Map.entry("de", "de"),
            Map.entry("it", "it"), Map.entry("pt", "pt"), Map.entry("pl", "pl"), Map.entry("tr", "tr"),
            Map.entry("ru", "ru"), Map.entry("nl", "nl"), Map.entry("cs", "cs"), Map.entry("ar", "ar"),
            Map.entry("zh-cn", "cmn"), Map.entry("ja", "ja"), Map.entry("hu", "hu"), Map.entry("ko", "ko"),
            Map.entry("hi", "hi"));

    private final String program;
    private final long timeoutMillis;
    private final String version;

    public EspeakEngine(String program, long timeoutMillis) {
        this.program = program;
        this.timeoutMillis = timeoutMillis;
        this.version = probeVersion(program);
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
        return VOICES.keySet();
    }

    @Override
    public int maxChunkChars(String language) {
        return 1000;
    }

    @Override
    public Pcm synthesize(String text, VoicePreset voice, String language) throws SynthesisException {
        String espeakVoice = VOICES.get(language);
        if (espeakVoice == null) {
            throw new SynthesisException("eSpeak NG has no voice for language '" + language + "'", true);
        }
        List<String> command = List.of(program, "-v", espeakVoice, "--stdin", "--stdout");
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
            }
            byte[] wav;
            try (InputStream stdout = process.getInputStream()) {
                wav = stdout.readAllBytes();
            }
            if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new SynthesisException("espeak-ng timed out", false);
            }
            if (process.exitValue() != 0) {
                throw new SynthesisException("espeak-ng exited with " + process.exitValue(), false);
            }
            return decode(wav);
        } catch (IOException e) {
            throw new SynthesisException("cannot run " + program + ": " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynthesisException("interrupted", false, e);
        }
    }

    /** espeak-ng streams its WAV: the length fields are placeholders, so the data runs to the end. */
    private static Pcm decode(byte[] wav) throws SynthesisException {
        if (wav.length < 44) {
            throw new SynthesisException("espeak-ng produced no audio", false);
        }
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int sampleRate = in.getInt(24);
        int count = (wav.length - 44) / 2;
        float[] samples = new float[count];
        for (int i = 0; i < count; i++) {
            samples[i] = in.getShort(44 + 2 * i) / 32768f;
        }
        return new Pcm(samples, sampleRate);
    }

    private static String probeVersion(String program) {
        try {
            Process process = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor(5, TimeUnit.SECONDS);
            return out.isEmpty() ? "unknown" : out.split("\\s+")[2];
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("eSpeak NG is not installed: cannot run '" + program
                    + "' (install the espeak-ng package)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
