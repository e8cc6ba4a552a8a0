package dev.switchboard.tenant;

import java.time.Instant;

/**
 * An API key's public facts (never its secret). {@code name} is the actor its calls are recorded as, and the user
 * "self" means for an operator. Immutable.
 */
public record ApiKey(String tenantId, String id, String name, Role role, Instant createdAt, Instant revokedAt) {
    public boolean isActive() {
        return revokedAt == null;
    }
}
