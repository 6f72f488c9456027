package io.briefaudio.api.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks request, written from the specification and independent of
 * our WebhookSigner (no maintained Standard Webhooks or Svix library resolves from Maven Central here):
 * the signature header may hold several space-separated {@code version,signature} pairs; the secret's
 * {@code whsec_} prefix is dropped before base64-decoding; the timestamp must be within five minutes;
 * comparison is constant-time. Checked against the specification's published test vector.
 */
final class StandardWebhooksVerifier {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] key;

    StandardWebhooksVerifier(String secret) {
        String base64 = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        this.key = Base64.getDecoder().decode(base64);
    }

    /** True when one of the header's v1 signatures matches and the timestamp is fresh relative to {@code now}. */
    boolean verify(String msgId, String timestamp, String signatureHeader, byte[] body, Instant now) throws Exception {
        long seconds = Long.parseLong(timestamp);
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return false;
        }
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        hmac.update(msgId.getBytes(StandardCharsets.UTF_8));
        hmac.update((byte) '.');
        hmac.update(timestamp.getBytes(StandardCharsets.UTF_8));
        hmac.update((byte) '.');
        byte[] expected = hmac.doFinal(body);
        for (String candidate : signatureHeader.trim().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma > 0 && candidate.substring(0, comma).equals("v1")) {
                byte[] given = Base64.getDecoder().decode(candidate.substring(comma + 1));
                if (MessageDigest.isEqual(expected, given)) {
                    return true;
                }
            }
        }
        return false;
    }
}
