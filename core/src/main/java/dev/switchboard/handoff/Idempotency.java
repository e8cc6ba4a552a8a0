package dev.switchboard.handoff;

/**
 * A create's {@code Idempotency-Key} and the fingerprint of its body: a retry with both equal gets the first answer
 * again; the same key with another fingerprint is refused.
 */
public record Idempotency(String key, String fingerprint) {
    public static final int MAX_KEY_LENGTH = 255;
}
