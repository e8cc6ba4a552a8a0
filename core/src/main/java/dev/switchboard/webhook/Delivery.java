package dev.switchboard.webhook;

import dev.switchboard.escalation.EventType;
import java.time.Instant;

/**
 * One event to one subscription, as the outbox holds it: written in the transaction that made the event, then
 * attempted until delivered or given up. {@code attempts} counts attempts started; {@code seq} orders the deliveries
 * of one packet. Immutable.
 */
public record Delivery(
        String tenantId,
        String id,
        long seq,
        String webhook,
        String eventId,
        EventType eventType,
        String escalationId,
        DeliveryState state,
        int attempts,
        Integer lastStatus,
        String lastError,
        Instant nextAttemptAt,
        Instant giveUpAt,
        Instant createdAt,
        Instant updatedAt) {}
