package io.briefaudio.worker.tts.xtts;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which GPT graph the engine runs: the exported fp32 {@code gpt.onnx} (default, matches the reference), or the
 * opt-in int8 graph the exporter adds with {@code --quantize int8} (docs/xtts.md: listen before using it).
 */
public enum XttsPrecision {
    FP32, INT8;

    /** The configured value ({@code fp32} or {@code int8}, any case); anything else is refused with the choices. */
    public static XttsPrecision parse(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.name().equals(v)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("briefaudio.tts.xtts.precision must be fp32 or int8, was '"
                        + value + "'"));
    }

    /** The configuration spelling: {@code fp32} or {@code int8}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
