package dev.switchboard.escalation;

/** Where an escalation is in its lifecycle (SPEC §3.2). */
public enum EscalationStatus {
    PENDING,
    IN_PROGRESS,
    RESOLVED,
    EXPIRED,
    CANCELLED;

    /** Waiting for a human: pending or in progress. */
    public boolean isOpen() {
        return this == PENDING || this == IN_PROGRESS;
    }

    /** Nothing more will happen to it by itself: resolved, expired or cancelled. */
    public boolean isSettled() {
        return !isOpen();
    }
}
