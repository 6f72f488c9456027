package io.briefaudio.worker.tts;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness that also tells which engine and model this worker narrates with. */
@Readiness
@ApplicationScoped
public class SpeechEngineHealthCheck implements HealthCheck {

    private final SpeechEngine engine;

    public SpeechEngineHealthCheck(SpeechEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("speech-engine").up()
                .withData("engine", engine.name())
                .withData("modelVersion", engine.modelVersion())
                .withData("languages", String.join(",", engine.languages().stream().sorted().toList()))
                .build();
    }
}
