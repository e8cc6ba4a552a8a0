package dev.switchboard.store;

import dev.switchboard.input.WireEnum;
import dev.switchboard.routing.SessionMode;
import dev.switchboard.session.Session;
import dev.switchboard.session.SessionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link SessionStore} in SQL. The hand-off is one upsert whose update only applies to a bot-owned row, so of
 * concurrent hand-offs of one session exactly one sees a row come back. Thread-safe.
 */
final class SqlSessionStore implements SessionStore {
    private static final String BOT = WireEnum.code(SessionMode.BOT_ACTIVE);
    private static final String HUMAN = WireEnum.code(SessionMode.HUMAN_ACTIVE);

    private static final String FIND = """
            SELECT tenant_id, session_id, mode, escalation_id, updated_at FROM sessions
            WHERE tenant_id = ? AND session_id = ?""";

    private final SqlAccess db;
    private final DataSource dataSource;
    private final StatementCache find = new StatementCache(FIND);
    private final SessionCache cache;

    /** @param cache the sessions in memory (SQLite), or null to read every lookup from the database */
    SqlSessionStore(SqlAccess db, DataSource dataSource, SessionCache cache) {
        this.db = db;
        this.dataSource = dataSource;
        this.cache = cache;
    }

    /*
     * Plain JDBC on a statement kept prepared per connection: this read runs for every routed message of a
     * conversation, and Jdbi's statement machinery and SQLite's re-parse of the SQL cost several times the lookup.
     */
    @Override
    public Optional<Session> find(String tenantId, String sessionId) {
        return cache == null
                ? load(tenantId, sessionId)
                : cache.find(tenantId, sessionId, () -> load(tenantId, sessionId));
    }

    private Optional<Session> load(String tenantId, String sessionId) {
        try (Connection connection = dataSource.getConnection()) {
            PreparedStatement select = find.on(connection);
            select.setString(1, tenantId);
            select.setString(2, sessionId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Session(
                        rs.getString(1),
                        rs.getString(2),
                        WireEnum.parse(SessionMode.class, rs.getString(3)).orElseThrow(),
                        rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5))));
            }
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    @Override
    public boolean handOff(String tenantId, String sessionId, Instant at) {
        try {
            return storeHandOff(tenantId, sessionId, at);
        } finally {
            if (cache != null) {
                cache.forget(tenantId, sessionId);
            }
        }
    }

    private boolean storeHandOff(String tenantId, String sessionId, Instant at) {
        return db.inTransaction(handle -> handle.createQuery("""
                        INSERT INTO sessions (tenant_id, session_id, mode, escalation_id, updated_at)
                        VALUES (:tenant, :id, :human, NULL, :at)
                        ON CONFLICT (tenant_id, session_id) DO UPDATE
                            SET mode = excluded.mode, updated_at = excluded.updated_at
                            WHERE sessions.mode = :bot
                        RETURNING session_id""")
                .bind("tenant", tenantId)
                .bind("id", sessionId)
                .bind("human", HUMAN)
                .bind("bot", BOT)
                .bind("at", at.toEpochMilli())
                .mapTo(String.class)
                .findOne()
                .isPresent());
    }
}
