package io.briefaudio.worker.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while this replica claims items and its heartbeats reach the database. */
@Readiness
@ApplicationScoped
public class WorkerReadiness implements HealthCheck {

    private final WorkerLifecycle lifecycle;

    public WorkerReadiness(WorkerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("worker");
        return lifecycle.worker()
                .map(w -> builder.status(w.isHealthy()).withData("id", w.id()).withData("in_flight", w.inFlightCount()))
                .orElseGet(() -> builder.up().withData("claiming", false))
                .build();
    }
}
