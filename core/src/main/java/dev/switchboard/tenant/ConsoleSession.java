package dev.switchboard.tenant;

import java.time.Instant;

/**
 * A signed-in console: opened with an operator's, supervisor's or admin's API key, it acts with that key's tenant,
 * name and role until it expires, is signed out, or the key is revoked. Its token lives only in an HttpOnly cookie;
 * its CSRF token must come with every request that changes something.
 */
public record ConsoleSession(
        String tenantId, String sessionId, String keyId, String csrfToken, Instant createdAt, Instant expiresAt) {}
