package io.briefaudio.api.episodes;

import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import io.briefaudio.shared.audio.AudioFormat;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Which audio format a job gets: the one asked for, or the configured default. */
@ApplicationScoped
public class AudioFormats {

    private final AudioFormat defaultFormat;

    public AudioFormats(AudioConfig config) {
        this.defaultFormat = AudioFormat.byId(config.defaultFormat()).filter(AudioFormat::isJobFormat)
                .orElseThrow(() -> new IllegalStateException("briefaudio.audio.default-format must be one of "
                        + AudioFormat.jobFormatIds() + ", not '" + config.defaultFormat() + "'"));
    }

    public AudioFormat resolve(String requested) {
        if (requested == null) {
            return defaultFormat;
        }
        return AudioFormat.byId(requested).filter(f -> f.isJobFormat() && f.id().equals(requested)).orElseThrow(() ->
                new ApiProblem(ProblemType.UNKNOWN_FORMAT, "Unknown format '" + requested + "'; valid formats: "
                        + String.join(", ", AudioFormat.jobFormatIds()), Map.of("valid_formats", AudioFormat.jobFormatIds())));
    }
}
