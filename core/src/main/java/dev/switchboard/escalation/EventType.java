package dev.switchboard.escalation;

import java.util.Locale;

/** What happened (SPEC §4); events are the audit trail, and what webhooks and the live stream carry. */
public enum EventType {
    ESCALATION_CREATED,
    ESCALATION_ASSIGNED,
    ESCALATION_UNASSIGNED,
    ESCALATION_RESOLVED,
    ESCALATION_CANCELLED,
    ESCALATION_EXPIRED,
    ESCALATION_RESUME_REQUESTED,
    ESCALATION_RESUMED,
    SESSION_TRANSFERRED,
    SESSION_RELEASED,
    POLICY_UPDATED;

    /** The wire name: {@code escalation.created}, {@code session.released}, … */
    public String code() {
        String lower = name().toLowerCase(Locale.ROOT);
        int dot = lower.indexOf('_');
        return lower.substring(0, dot) + "." + lower.substring(dot + 1);
    }

    public static java.util.Optional<EventType> parse(String code) {
        for (EventType type : values()) {
            if (type.code().equals(code)) {
                return java.util.Optional.of(type);
            }
        }
        return java.util.Optional.empty();
    }
}
