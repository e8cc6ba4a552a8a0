package dev.switchboard.store;

import dev.switchboard.escalation.Event;
import dev.switchboard.policy.PolicyStore;
import dev.switchboard.policy.StaleVersionException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/** {@link PolicyStore} in SQL. Thread-safe. */
final class SqlPolicyStore implements PolicyStore {
    private final SqlAccess db;
    private final Dialect dialect;

    SqlPolicyStore(SqlAccess db, Dialect dialect) {
        this.db = db;
        this.dialect = dialect;
    }

    @Override
    public Optional<StoredPolicy> latest(String tenantId) {
        return db.withHandle(handle -> handle.createQuery("""
                        SELECT tenant_id, version, document, created_at, created_by FROM policies
                        WHERE tenant_id = :tenant ORDER BY version DESC LIMIT 1""")
                .bind("tenant", tenantId)
                .map((rs, ctx) -> new StoredPolicy(
                        rs.getString("tenant_id"),
                        rs.getInt("version"),
                        rs.getString("document"),
                        Instant.ofEpochMilli(rs.getLong("created_at")),
                        rs.getString("created_by")))
                .findOne());
    }

    @Override
    public int latestVersion(String tenantId) {
        return db.withHandle(
                handle -> handle.createQuery("SELECT COALESCE(MAX(version), 0) FROM policies WHERE tenant_id = :tenant")
                        .bind("tenant", tenantId)
                        .mapTo(Integer.class)
                        .one());
    }

    @Override
    public int append(
            String tenantId,
            String document,
            Instant at,
            String createdBy,
            Integer expectedVersion,
            IntFunction<Event> updated) {
        return db.inTransaction(handle -> {
            // Serializes appends per tenant: the tenant row is locked (PostgreSQL) or the write transaction is
            // exclusive (SQLite), so max + 1 cannot be taken twice.
            handle.createQuery("SELECT tenant_id FROM tenants WHERE tenant_id = :tenant" + dialect.forUpdate())
                    .bind("tenant", tenantId)
                    .mapTo(String.class)
                    .findOne()
                    .orElseThrow(() -> new IllegalArgumentException("no tenant " + tenantId));
            int latest = handle.createQuery("SELECT COALESCE(MAX(version), 0) FROM policies WHERE tenant_id = :tenant")
                    .bind("tenant", tenantId)
                    .mapTo(Integer.class)
                    .one();
            if (expectedVersion != null && expectedVersion != latest) {
                throw new StaleVersionException(expectedVersion, latest);
            }
            handle.createUpdate("""
                            INSERT INTO policies (tenant_id, version, document, created_at, created_by)
                            VALUES (:tenant, :version, :document, :at, :by)""")
                    .bind("tenant", tenantId)
                    .bind("version", latest + 1)
                    .bind("document", document)
                    .bind("at", at.toEpochMilli())
                    .bind("by", createdBy)
                    .execute();
            if (updated != null) {
                SqlEvents.insert(handle, dialect, List.of(updated.apply(latest + 1)));
            }
            return latest + 1;
        });
    }

    @Override
    public List<PolicyVersion> versions(String tenantId) {
        return db.withHandle(handle -> handle.createQuery("""
                        SELECT version, created_at, created_by FROM policies
                        WHERE tenant_id = :tenant ORDER BY version DESC""")
                .bind("tenant", tenantId)
                .map((rs, ctx) -> new PolicyVersion(
                        rs.getInt("version"),
                        Instant.ofEpochMilli(rs.getLong("created_at")),
                        rs.getString("created_by")))
                .list());
    }
}
