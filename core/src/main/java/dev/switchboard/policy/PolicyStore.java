package dev.switchboard.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of tenants' policy versions. Implementations are thread-safe. */
public interface PolicyStore {
    /** The newest version of a tenant's policy. */
    Optional<StoredPolicy> latest(String tenantId);

    /** The newest version number, 0 when the tenant has none; cheap, for staleness checks. */
    int latestVersion(String tenantId);

    /**
     * Stores a document as the tenant's next version, atomically (concurrent appends get distinct versions), and
     * returns that version; when {@code expectedVersion} is given and is not the latest, throws
     * {@link StaleVersionException} and stores nothing.
     */
    int append(String tenantId, String document, Instant at, String createdBy, Integer expectedVersion);

    /** Every version's metadata, newest first. */
    List<PolicyVersion> versions(String tenantId);

    /** A stored version: the document as JSON text. */
    record StoredPolicy(String tenantId, int version, String document, Instant createdAt, String createdBy) {}

    /** A version's metadata. */
    record PolicyVersion(int version, Instant createdAt, String createdBy) {}
}
