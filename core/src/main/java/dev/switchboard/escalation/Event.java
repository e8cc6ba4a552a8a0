package dev.switchboard.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One entry of the audit trail (SPEC §4): {@code {id, type, tenant_id, occurred_at, actor, data}}, with the
 * escalation it concerns (null for session-less or policy events). Append-only. Immutable.
 */
public record Event(
        String id,
        String tenantId,
        String escalationId,
        EventType type,
        Instant occurredAt,
        String actor,
        JsonNode data) {
    public Event {
        data = data.deepCopy();
    }
}
