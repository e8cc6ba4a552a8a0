package dev.switchboard.webhook;

import dev.switchboard.escalation.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Subscriptions and the outbox of deliveries. The outbox rows themselves are written by the stores that write events,
 * in the same transaction: one row per event and subscription that {@link Webhook#takes takes} it. Thread-safe.
 */
public interface WebhookStore {
    /** Creates or replaces a subscription; a replacement keeps its secret and creation time. True when created. */
    boolean put(Webhook webhook);

    Optional<Webhook> find(String tenantId, String name);

    List<Webhook> list(String tenantId);

    /** Deletes a subscription and all its deliveries (their history goes with it); false when there was none. */
    boolean delete(String tenantId, String name);

    /** Whether some subscription of the tenant takes events of {@code type} about a packet of {@code workflow}. */
    boolean anyTakes(String tenantId, EventType type, String workflow);

    /** A subscription's deliveries, newest first, after {@code beforeSeq} (null: from the newest). */
    List<Delivery> deliveries(String tenantId, String webhook, DeliveryState state, Long beforeSeq, int limit);

    Optional<Delivery> delivery(String tenantId, String webhook, String deliveryId);

    /**
     * Makes a delivery due now, for another {@link RetrySchedule#GIVE_UP_AFTER} (a failed or cancelled one pending
     * again; a delivered one is sent once more). Empty when there is no such delivery.
     */
    Optional<Delivery> retry(String tenantId, String webhook, String deliveryId, Instant now, Instant giveUpAt);

    /**
     * Claims up to {@code limit} due deliveries, each the oldest pending one of its packet for its subscription, by
     * counting an attempt and moving its next attempt to {@code leaseUntil}: another node skips it until then (on
     * PostgreSQL rows locked by a concurrent claim are skipped, not waited for).
     */
    List<Outgoing> claim(Instant now, Instant leaseUntil, int limit);

    /**
     * Records the outcome of the attempt a claim counted; false (nothing written) when the delivery has been claimed
     * again since (its lease ran out) or changed otherwise.
     */
    boolean record(Delivery claimed, Outcome outcome);

    /** What an attempt led to: the delivery's new state, and its next attempt when still pending. */
    record Outcome(DeliveryState state, Integer status, String error, Instant nextAttemptAt, Instant at) {}
}
