package io.briefaudio.api.access;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Auth on, with a known bootstrap operator key and a public base URL; the rest of the suite runs with auth off. */
public class AuthOnProfile implements QuarkusTestProfile {

    public static final String OPERATOR_KEY = "ba-test-bootstrap-operator-key-0123456789";
    /** As a deployment with auth on sets it: feed tokens need it, and Location headers use it. */
    public static final String PUBLIC_BASE_URL = "https://audio.example.test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("briefaudio.auth.enabled", "true", "briefaudio.auth.bootstrap-key", OPERATOR_KEY,
                "briefaudio.http.public-base-url", PUBLIC_BASE_URL);
    }
}
