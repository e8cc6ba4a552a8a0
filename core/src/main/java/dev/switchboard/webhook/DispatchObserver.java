package dev.switchboard.webhook;

import java.time.Duration;

/**
 * Watches the {@link Dispatcher}'s attempts, e.g. to count them as metrics. Called on the thread that made the attempt,
 * once its outcome is recorded; an attempt whose outcome could not be recorded (the delivery was claimed again, retried
 * by hand or deleted meanwhile) is not reported, the attempt that superseded it is. Implementations must be
 * thread-safe and quick.
 */
public interface DispatchObserver {
    /** What one attempt led to. */
    enum Outcome {
        /** A {@code 2xx} answered; the delivery is {@link DeliveryState#DELIVERED}. */
        DELIVERED,
        /** No {@code 2xx}; the delivery stays {@link DeliveryState#PENDING} for a later attempt. */
        RETRY,
        /** No {@code 2xx}, and the delivery was given up: {@link DeliveryState#FAILED}. */
        FAILED,
        /** Nothing sent, the delivery no longer being wanted: {@link DeliveryState#CANCELLED}. */
        CANCELLED
    }

    /**
     * One attempt ended with {@code outcome}. {@code took} is how long sending it took, null when nothing was sent
     * ({@link Outcome#CANCELLED}); {@code lag} the time from the event to its delivery, for {@link Outcome#DELIVERED}
     * only (else null), never negative.
     */
    void attempted(Outcome outcome, Duration took, Duration lag);

    /** Watches nothing. */
    DispatchObserver NONE = (outcome, took, lag) -> {};
}
