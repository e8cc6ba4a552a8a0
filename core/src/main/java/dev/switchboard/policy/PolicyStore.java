package dev.switchboard.policy;

import dev.switchboard.escalation.Event;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

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
    default int append(String tenantId, String document, Instant at, String createdBy, Integer expectedVersion) {
        return append(tenantId, document, at, createdBy, expectedVersion, null);
    }

    /**
     * Like {@link #append(String, String, Instant, String, Integer)}, and appends {@code updated.apply(version)} to
     * the events in the same transaction (none when {@code updated} is null).
     */
    int append(
            String tenantId,
            String document,
            Instant at,
            String createdBy,
            Integer expectedVersion,
            IntFunction<Event> updated);

    /** Every version's metadata, newest first. */
    List<PolicyVersion> versions(String tenantId);

    /** A stored version: the document as JSON text. */
    record StoredPolicy(String tenantId, int version, String document, Instant createdAt, String createdBy) {}

    /** A version's metadata. */
    record PolicyVersion(int version, Instant createdAt, String createdBy) {}
}
