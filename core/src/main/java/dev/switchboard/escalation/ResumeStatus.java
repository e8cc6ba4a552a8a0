package dev.switchboard.escalation;

import java.time.Instant;

/** The resume's progress: state, delivery attempts, the last delivery error, and when the state last changed. */
public record ResumeStatus(ResumeState state, int attempts, String lastError, Instant at) {
    public static final ResumeStatus NONE = new ResumeStatus(ResumeState.NONE, 0, null, null);
}
