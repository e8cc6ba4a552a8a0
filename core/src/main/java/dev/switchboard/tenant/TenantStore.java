package dev.switchboard.tenant;

import java.util.List;
import java.util.Optional;

/** Persistence of tenants and their API keys. Implementations are thread-safe. */
public interface TenantStore {
    /**
     * Creates a tenant with its first key (and anything else it starts with, in the same transaction); false when a
     * tenant with that id exists, in which case nothing is written.
     */
    boolean createTenant(Tenant tenant, ApiKey firstKey, byte[] firstKeyHash, TenantSeed seed);

    Optional<Tenant> findTenant(String tenantId);

    void createKey(ApiKey key, byte[] secretHash);

    /** A key by id with its secret's hash, whatever its tenant (for authentication); revoked keys included. */
    Optional<StoredKey> findKey(String keyId);

    /** The tenant's active keys, oldest first. */
    List<ApiKey> listKeys(String tenantId);

    /** Revokes an active key of the tenant; false when there is no such active key. */
    boolean revokeKey(String tenantId, String keyId, java.time.Instant at);

    /** Saves a new console session with the hash of its token's secret. */
    void createSession(ConsoleSession session, byte[] secretHash);

    /** A console session by id, whatever its tenant, with its secret's hash and its key (revoked ones included). */
    Optional<StoredSession> findSession(String sessionId);

    /** Deletes a console session; false when there was none. */
    boolean deleteSession(String tenantId, String sessionId);

    /** A console session with the hash of its secret and the key it acts with. */
    record StoredSession(ConsoleSession session, byte[] secretHash, ApiKey key) {}

    /** A key with the hash of its secret. */
    record StoredKey(ApiKey key, byte[] secretHash) {}

    /** What a new tenant starts with besides its first key: its first policy document. */
    record TenantSeed(String policyDocument) {}
}
