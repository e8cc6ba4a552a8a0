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

    /** A key with the hash of its secret. */
    record StoredKey(ApiKey key, byte[] secretHash) {}

    /** What a new tenant starts with besides its first key: its first policy document. */
    record TenantSeed(String policyDocument) {}
}
