package dev.switchboard.escalation;

/**
 * How the paused workflow has been told of the human's decision (SPEC §3.5): not yet; a push under way, delivered or
 * failed; consumed by a pull; or no handler for its workflow.
 */
public enum ResumeState {
    NONE,
    PENDING,
    DELIVERED,
    CONSUMED,
    FAILED,
    NO_HANDLER;

    /** The workflow has its answer (delivered by push or consumed by pull): it never gets a second one. */
    public boolean isDone() {
        return this == DELIVERED || this == CONSUMED;
    }
}
