package dev.switchboard.store;

import dev.switchboard.input.WireEnum;
import dev.switchboard.tenant.ApiKey;
import dev.switchboard.tenant.ConsoleSession;
import dev.switchboard.tenant.Role;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantStore;
import dev.switchboard.text.Language;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link TenantStore} in SQL. Thread-safe. */
final class SqlTenantStore implements TenantStore {
    private static final String KEY_COLUMNS = "tenant_id, key_id, name, role, secret_hash, created_at, revoked_at";

    private final SqlAccess db;

    SqlTenantStore(SqlAccess db) {
        this.db = db;
    }

    @Override
    public boolean createTenant(Tenant tenant, ApiKey firstKey, byte[] firstKeyHash, TenantSeed seed) {
        return db.inTransaction(handle -> {
            int inserted = handle.createUpdate("""
                            INSERT INTO tenants (tenant_id, name, default_locale, timezone, created_at)
                            VALUES (:id, :name, :locale, :zone, :at)
                            ON CONFLICT (tenant_id) DO NOTHING""")
                    .bind("id", tenant.id())
                    .bind("name", tenant.name())
                    .bind("locale", tenant.defaultLocale().code())
                    .bind("zone", tenant.timezone().getId())
                    .bind("at", tenant.createdAt().toEpochMilli())
                    .execute();
            if (inserted == 0) {
                return false;
            }
            insertKey(handle, firstKey, firstKeyHash);
            handle.createUpdate("""
                            INSERT INTO policies (tenant_id, version, document, created_at, created_by)
                            VALUES (:tenant, 1, :document, :at, :by)""")
                    .bind("tenant", tenant.id())
                    .bind("document", seed.policyDocument())
                    .bind("at", tenant.createdAt().toEpochMilli())
                    .bind("by", firstKey.name())
                    .execute();
            return true;
        });
    }

    @Override
    public Optional<Tenant> findTenant(String tenantId) {
        return db.withHandle(handle -> handle.createQuery("""
                        SELECT tenant_id, name, default_locale, timezone, created_at
                        FROM tenants WHERE tenant_id = :id""")
                .bind("id", tenantId)
                .map((rs, ctx) -> new Tenant(
                        rs.getString("tenant_id"),
                        rs.getString("name"),
                        WireEnum.parse(Language.class, rs.getString("default_locale"))
                                .orElseThrow(),
                        ZoneId.of(rs.getString("timezone")),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .findOne());
    }

    @Override
    public void createKey(ApiKey key, byte[] secretHash) {
        db.useTransaction(handle -> insertKey(handle, key, secretHash));
    }

    private static void insertKey(Handle handle, ApiKey key, byte[] secretHash) {
        handle.createUpdate("INSERT INTO api_keys (" + KEY_COLUMNS + ") "
                        + "VALUES (:tenant, :id, :name, :role, :hash, :at, NULL)")
                .bind("tenant", key.tenantId())
                .bind("id", key.id())
                .bind("name", key.name())
                .bind("role", WireEnum.code(key.role()))
                .bind("hash", secretHash)
                .bind("at", key.createdAt().toEpochMilli())
                .execute();
    }

    @Override
    public Optional<StoredKey> findKey(String keyId) {
        return db.withHandle(handle -> handle.createQuery("SELECT " + KEY_COLUMNS + " FROM api_keys WHERE key_id = :id")
                .bind("id", keyId)
                .map((rs, ctx) -> new StoredKey(key(rs), rs.getBytes("secret_hash")))
                .findOne());
    }

    @Override
    public List<ApiKey> listKeys(String tenantId) {
        return db.withHandle(handle -> handle.createQuery("SELECT " + KEY_COLUMNS + " FROM api_keys "
                        + "WHERE tenant_id = :tenant AND revoked_at IS NULL ORDER BY created_at, key_id")
                .bind("tenant", tenantId)
                .map((rs, ctx) -> key(rs))
                .list());
    }

    @Override
    public boolean revokeKey(String tenantId, String keyId, Instant at) {
        return db.inTransaction(handle -> handle.createUpdate("""
                        UPDATE api_keys SET revoked_at = :at
                        WHERE tenant_id = :tenant AND key_id = :id AND revoked_at IS NULL""")
                        .bind("at", at.toEpochMilli())
                        .bind("tenant", tenantId)
                        .bind("id", keyId)
                        .execute())
                == 1;
    }

    @Override
    public void createSession(ConsoleSession session, byte[] secretHash) {
        db.useTransaction(handle -> handle.createUpdate("""
                        INSERT INTO console_sessions
                            (tenant_id, session_id, key_id, secret_hash, csrf_token, created_at, expires_at)
                        VALUES (:tenant, :id, :key, :hash, :csrf, :created, :expires)""")
                .bind("tenant", session.tenantId())
                .bind("id", session.sessionId())
                .bind("key", session.keyId())
                .bind("hash", secretHash)
                .bind("csrf", session.csrfToken())
                .bind("created", session.createdAt().toEpochMilli())
                .bind("expires", session.expiresAt().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<StoredSession> findSession(String sessionId) {
        return db.withHandle(handle -> handle.createQuery("""
                        SELECT s.session_id, s.secret_hash AS session_hash, s.csrf_token,
                               s.created_at AS session_created_at, s.expires_at,
                               k.tenant_id, k.key_id, k.name, k.role, k.created_at, k.revoked_at
                        FROM console_sessions s
                        JOIN api_keys k ON k.tenant_id = s.tenant_id AND k.key_id = s.key_id
                        WHERE s.session_id = :id""")
                .bind("id", sessionId)
                .map((rs, ctx) -> new StoredSession(
                        new ConsoleSession(
                                rs.getString("tenant_id"),
                                rs.getString("session_id"),
                                rs.getString("key_id"),
                                rs.getString("csrf_token"),
                                Instant.ofEpochMilli(rs.getLong("session_created_at")),
                                Instant.ofEpochMilli(rs.getLong("expires_at"))),
                        rs.getBytes("session_hash"),
                        key(rs)))
                .findOne());
    }

    @Override
    public boolean deleteSession(String tenantId, String sessionId) {
        return db.inTransaction(handle -> handle.createUpdate(
                                "DELETE FROM console_sessions WHERE tenant_id = :tenant AND session_id = :id")
                        .bind("tenant", tenantId)
                        .bind("id", sessionId)
                        .execute())
                == 1;
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        long revoked = rs.getLong("revoked_at");
        Instant revokedAt = rs.wasNull() ? null : Instant.ofEpochMilli(revoked);
        return new ApiKey(
                rs.getString("tenant_id"),
                rs.getString("key_id"),
                rs.getString("name"),
                WireEnum.parse(Role.class, rs.getString("role")).orElseThrow(),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                revokedAt);
    }
}
