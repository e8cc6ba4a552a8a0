package dev.switchboard.store;

import dev.switchboard.input.WireEnum;
import dev.switchboard.routing.SessionMode;
import dev.switchboard.session.Session;
import dev.switchboard.session.SessionStore;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link SessionStore} in SQL. The hand-off is one upsert whose update only applies to a bot-owned row, so of
 * concurrent hand-offs of one session exactly one sees a row come back. Thread-safe.
 */
final class SqlSessionStore implements SessionStore {
    private static final String BOT = WireEnum.code(SessionMode.BOT_ACTIVE);
    private static final String HUMAN = WireEnum.code(SessionMode.HUMAN_ACTIVE);

    private final Jdbi jdbi;

    SqlSessionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<Session> find(String tenantId, String sessionId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT tenant_id, session_id, mode, escalation_id, updated_at FROM sessions
                        WHERE tenant_id = :tenant AND session_id = :id""")
                .bind("tenant", tenantId)
                .bind("id", sessionId)
                .map((rs, ctx) -> new Session(
                        rs.getString("tenant_id"),
                        rs.getString("session_id"),
                        WireEnum.parse(SessionMode.class, rs.getString("mode")).orElseThrow(),
                        rs.getString("escalation_id"),
                        Instant.ofEpochMilli(rs.getLong("updated_at"))))
                .findOne());
    }

    @Override
    public void register(String tenantId, String sessionId, Instant at) {
        jdbi.useTransaction(handle -> handle.createUpdate("""
                        INSERT INTO sessions (tenant_id, session_id, mode, escalation_id, updated_at)
                        VALUES (:tenant, :id, :mode, NULL, :at)
                        ON CONFLICT (tenant_id, session_id) DO NOTHING""")
                .bind("tenant", tenantId)
                .bind("id", sessionId)
                .bind("mode", BOT)
                .bind("at", at.toEpochMilli())
                .execute());
    }

    @Override
    public boolean handOff(String tenantId, String sessionId, Instant at) {
        return jdbi.withHandle(handle -> handle.createQuery("""
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
