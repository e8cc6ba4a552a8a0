package dev.switchboard.webhook;

import dev.switchboard.escalation.EventType;
import java.time.Instant;
import java.util.Set;

/**
 * A subscription: the tenant's events of {@code events} go to {@code url}, signed with {@code secret}; with
 * {@code workflows} not empty, only events of packets of those workflows. Immutable.
 */
public record Webhook(
        String tenantId,
        String name,
        String url,
        Set<EventType> events,
        Set<String> workflows,
        String secret,
        Instant createdAt,
        Instant updatedAt) {
    public Webhook {
        events = Set.copyOf(events);
        workflows = Set.copyOf(workflows);
    }

    /** Whether an event of {@code type} about a packet of {@code workflow} (null: none) goes to this subscription. */
    public boolean takes(EventType type, String workflow) {
        return events.contains(type) && (workflows.isEmpty() || (workflow != null && workflows.contains(workflow)));
    }
}
