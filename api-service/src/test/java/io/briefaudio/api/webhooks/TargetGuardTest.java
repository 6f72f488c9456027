package io.briefaudio.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook",
            "http://10.1.2.3/hook", "http://172.16.0.1/hook", "http://192.168.1.10/hook",
            "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/hook", "http://[fd00:ec2::254]/hook",
            "http://100.64.0.1/hook", "http://0.0.0.0/hook", "http://metadata.google.internal/computeMetadata/v1/",
            "http://[::ffff:127.0.0.1]/hook", "ftp://93.184.215.14/hook", "file:///etc/passwd"})
    void shouldRefuseInternalTargets(String url) {
        assertThat(TargetGuard.refusal(URI.create(url), false)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.215.14/hook", "http://8.8.8.8:8080/x", "https://[2606:4700::1111]/hook"})
    void shouldAllowPublicTargets(String url) {
        assertThat(TargetGuard.refusal(URI.create(url), false)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://10.1.2.3/hook"})
    void shouldAllowPrivateTargetsWhenConfigured(String url) {
        assertThat(TargetGuard.refusal(URI.create(url), true)).isEmpty();
    }
}
