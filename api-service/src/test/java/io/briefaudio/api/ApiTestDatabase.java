package io.briefaudio.api;

import io.briefaudio.shared.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every api-service test runs against its own database on the real local PostgreSQL. */
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "briefaudio_api_test"))
public final class ApiTestDatabase {

    private ApiTestDatabase() {
    }
}
