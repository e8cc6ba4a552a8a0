package dev.switchboard.escalation;

/** How urgent an escalation is; the queue serves {@link #CRITICAL} first. */
public enum Priority {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW
}
