package io.briefaudio.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    // The test vector published with the Standard Webhooks specification.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void shouldSignTheSpecificationTestVector() {
        assertThat(WebhookSigner.sign(SECRET, MSG_ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void shouldVerifyTheSpecificationTestVectorIndependently() throws Exception {
        var verifier = new StandardWebhooksVerifier(SECRET);
        Instant then = Instant.ofEpochSecond(TIMESTAMP + 10);
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.verify(MSG_ID, Long.toString(TIMESTAMP), "v1,bm9wZQ== " + SIGNATURE, body, then)).isTrue();
        assertThat(verifier.verify(MSG_ID, Long.toString(TIMESTAMP), SIGNATURE, "{\"test\": 1}".getBytes(), then)).isFalse();
        assertThat(verifier.verify(MSG_ID, Long.toString(TIMESTAMP), SIGNATURE, body, then.plusSeconds(3600))).isFalse();
    }

    @Test
    void shouldCreateSecretsOfThirtyTwoRandomBytes() {
        String secret = WebhookSigner.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSigner.newSecret()).isNotEqualTo(secret);
    }
}
