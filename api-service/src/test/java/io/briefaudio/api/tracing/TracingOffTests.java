package io.briefaudio.api.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.Briefs;
import io.briefaudio.shared.testing.RecordedSpans;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** With no OTLP endpoint configured (the default), tracing is off: no span is exported and nothing is stored. */
@QuarkusTest
class TracingOffTests {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldExportNoSpanAndStoreNoTraceContextWhenNoEndpointIsConfigured() throws Exception {
        RecordedSpans.reset();

        long job = given().header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .contentType(ContentType.JSON).body("{}").post("/api/brief/" + Briefs.create(1) + "/audio/generate")
                .then().statusCode(202).extract().jsonPath().getLong("job_id");

        assertThat(ConfigProvider.getConfig().getValue("quarkus.otel.sdk.disabled", Boolean.class)).isTrue();
        try (Connection c = dataSource.getConnection(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT trace_parent, trace_state FROM audio_job WHERE id = " + job)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isNull();
            assertThat(rs.getString(2)).isNull();
        }
        Thread.sleep(200); // a server span would end just after the response
        assertThat(RecordedSpans.all()).isEmpty();
    }
}
