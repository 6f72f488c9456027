package io.briefaudio.api.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccessStartupTest {

    @Test
    void shouldSayNothingWithAuthOn() {
        assertThat(AccessStartup.anonymousWarning(true, false, "0.0.0.0")).isEmpty();
    }

    @Test
    void shouldWarnWithAuthOffOnLoopback() {
        for (String host : new String[] {"127.0.0.1", "localhost", "::1", "127.0.0.2"}) {
            assertThat(AccessStartup.anonymousWarning(false, false, host)).as(host).hasValueSatisfying(
                    warning -> assertThat(warning).contains("Authentication is OFF"));
        }
    }

    @Test
    void shouldRefuseToStartWithAuthOffOnANetworkAddress() {
        for (String host : new String[] {"0.0.0.0", "::", "192.0.2.10"}) {
            assertThatThrownBy(() -> AccessStartup.anonymousWarning(false, false, host)).as(host)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("allow-anonymous");
        }
    }

    @Test
    void shouldStartWithAWarningWhenAnonymousAccessIsAllowedExplicitly() {
        assertThat(AccessStartup.anonymousWarning(false, true, "0.0.0.0")).hasValueSatisfying(
                warning -> assertThat(warning).contains("allow-anonymous=true"));
    }
}
