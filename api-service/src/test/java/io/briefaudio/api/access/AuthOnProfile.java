package io.briefaudio.api.access;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Auth on, with a known bootstrap operator key; the rest of the suite runs with auth off. */
public class AuthOnProfile implements QuarkusTestProfile {

    public static final String OPERATOR_KEY = "ba-test-bootstrap-operator-key-0123456789";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("briefaudio.auth.enabled", "true", "briefaudio.auth.bootstrap-key", OPERATOR_KEY);
    }
}
