package io.briefaudio.worker;

import io.briefaudio.shared.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every tts-worker test runs against its own database on the real local PostgreSQL. */
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "briefaudio_worker_test"))
public final class WorkerTestDatabase {

    private WorkerTestDatabase() {
    }
}
