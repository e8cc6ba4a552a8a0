package dev.switchboard.escalation;

import java.time.Instant;

/**
 * An escalation packet: its id and tenant, what it is about ({@link EscalationContent}, fixed), what happened to it
 * ({@link EscalationState}), who created it, and the secret {@code resumeToken} — never listed or shown to operators.
 * Immutable.
 */
public record Escalation(
        String id,
        String tenantId,
        EscalationContent content,
        EscalationState state,
        String resumeToken,
        Instant createdAt,
        String createdBy) {

    public EscalationStatus status() {
        return state.status();
    }

    public int version() {
        return state.version();
    }

    /** The same packet in another state. */
    public Escalation with(EscalationState next) {
        return new Escalation(id, tenantId, content, next, resumeToken, createdAt, createdBy);
    }

    /** Whether the SLA has passed at {@code now} (for an open packet: it is overdue). */
    public boolean isDue(Instant now) {
        return !content.dueAt().isAfter(now);
    }
}
