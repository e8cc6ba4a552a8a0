package dev.switchboard.escalation;

import java.time.Instant;

/**
 * What happened to an escalation so far: status, owner, resolution, resume progress, and the {@code version} that
 * every change increments (optimistic concurrency, {@code If-Match}). Immutable; each change returns a new state.
 */
public record EscalationState(
        EscalationStatus status,
        String assignedTo,
        Instant updatedAt,
        Instant resolvedAt,
        Instant breachedAt,
        Resolution resolution,
        String cancelReason,
        ResumeStatus resume,
        int version) {

    /** The state of a packet just created. */
    public static EscalationState created(Instant at) {
        return new EscalationState(EscalationStatus.PENDING, null, at, null, null, null, null, ResumeStatus.NONE, 1);
    }

    EscalationState assigned(String assignee, Instant at) {
        return new EscalationState(
                EscalationStatus.IN_PROGRESS,
                assignee,
                at,
                resolvedAt,
                breachedAt,
                resolution,
                cancelReason,
                resume,
                version + 1);
    }

    EscalationState unassigned(Instant at) {
        return new EscalationState(
                EscalationStatus.PENDING,
                null,
                at,
                resolvedAt,
                breachedAt,
                resolution,
                cancelReason,
                resume,
                version + 1);
    }

    EscalationState resolved(Resolution decision, Instant at) {
        return new EscalationState(
                EscalationStatus.RESOLVED, assignedTo, at, at, breachedAt, decision, cancelReason, resume, version + 1);
    }

    EscalationState cancelled(String reason, Instant at) {
        return new EscalationState(
                EscalationStatus.CANCELLED,
                assignedTo,
                at,
                resolvedAt,
                breachedAt,
                resolution,
                reason,
                resume,
                version + 1);
    }

    EscalationState expired(Instant breached, Instant at) {
        return new EscalationState(
                EscalationStatus.EXPIRED,
                assignedTo,
                at,
                resolvedAt,
                breached,
                resolution,
                cancelReason,
                resume,
                version + 1);
    }

    /** The resume's progress changed (a change of its own: bumps the version). */
    public EscalationState withResume(ResumeStatus next, Instant at) {
        return new EscalationState(
                status, assignedTo, at, resolvedAt, breachedAt, resolution, cancelReason, next, version + 1);
    }

    /** The resume's progress set as part of the change that made this state (resolve and resume in one step). */
    public EscalationState alsoResume(ResumeStatus next) {
        return new EscalationState(
                status, assignedTo, updatedAt, resolvedAt, breachedAt, resolution, cancelReason, next, version);
    }
}
