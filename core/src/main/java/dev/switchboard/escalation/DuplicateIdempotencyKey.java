package dev.switchboard.escalation;

/** A create carried an {@code Idempotency-Key} that another create stored first. */
public final class DuplicateIdempotencyKey extends RuntimeException {
    public DuplicateIdempotencyKey(String key) {
        super("idempotency key " + key + " is taken", null, false, false);
    }
}
