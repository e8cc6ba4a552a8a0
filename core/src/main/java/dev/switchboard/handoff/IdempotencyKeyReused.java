package dev.switchboard.handoff;

/** An {@code Idempotency-Key} sent again with a different body (422). */
public final class IdempotencyKeyReused extends RuntimeException {
    public IdempotencyKeyReused(String key) {
        super("Idempotency-Key " + key + " was used with a different body", null, false, false);
    }
}
