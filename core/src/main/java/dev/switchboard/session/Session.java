package dev.switchboard.session;

import dev.switchboard.routing.SessionMode;
import java.time.Instant;

/** A conversation: who owns it now, and the escalation that made a human own it. Immutable. */
public record Session(String tenantId, String id, SessionMode mode, String escalationId, Instant updatedAt) {}
