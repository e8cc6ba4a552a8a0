package dev.switchboard.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries per the Standard Webhooks specification, so receivers can verify them with the official
 * {@code standardwebhooks} libraries. Stateless and thread-safe.
 */
public final class WebhookSignature {
    private static final String SECRET_PREFIX = "whsec_";

    private static final int SECRET_BYTES = 32;
    private static final int MIN_KEY_BYTES = 24;
    private static final int MAX_KEY_BYTES = 64;
    private static final String HMAC = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {}

    /** A fresh secret of 256 random bits, {@code whsec_} and standard base64 with padding. */
    public static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * Whether {@code text} is {@code whsec_} and padded standard base64 of a 24- to 64-byte key: the range the
     * specification allows, in the form every official library decodes.
     */
    public static boolean isSecret(String text) {
        return key(text) != null;
    }

    /**
     * The {@code webhook-signature} value {@code v1,<base64 HMAC-SHA256>} over {@code <id>.<timestamp>.<body>}, with
     * the body exactly as sent, since receivers verify the raw bytes.
     *
     * @throws IllegalArgumentException if {@code secret} is not a {@linkplain #isSecret secret}
     */
    public static String sign(String secret, String webhookId, long timestampSeconds, byte[] body) {
        byte[] key = key(secret);
        if (key == null) {
            throw new IllegalArgumentException(
                    "webhook secret must be " + SECRET_PREFIX + " followed by base64 of 24 to 64 bytes");
        }
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(body, "body");
        Mac mac = hmac(key);
        mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    /** The headers of one delivery, in the order of the specification, with the JSON content type. */
    public static Map<String, String> headers(String secret, String webhookId, long timestampSeconds, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", webhookId);
        headers.put("webhook-timestamp", Long.toString(timestampSeconds));
        headers.put("webhook-signature", sign(secret, webhookId, timestampSeconds, body));
        headers.put("content-type", "application/json");
        return Collections.unmodifiableMap(headers);
    }

    private static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            return null;
        }
        String encoded = secret.substring(SECRET_PREFIX.length());
        if (encoded.length() % 4 != 0) {
            return null;
        }
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            return key.length >= MIN_KEY_BYTES && key.length <= MAX_KEY_BYTES ? key : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
