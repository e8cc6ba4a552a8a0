package dev.switchboard.webhook;

/** Where one delivery of one event to one subscription stands. */
public enum DeliveryState {
    /** Waiting for its next attempt (or being attempted under a lease). */
    PENDING,
    /** A {@code 2xx} answered. */
    DELIVERED,
    /** No {@code 2xx} until it was given up (at least 24 hours of retries); a manual retry starts it again. */
    FAILED,
    /** Not sent, because it stopped making sense: a resume whose decision the workflow took by pull first. */
    CANCELLED
}
