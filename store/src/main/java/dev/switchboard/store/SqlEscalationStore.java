package dev.switchboard.store;

import static dev.switchboard.store.EscalationRows.COLUMNS;
import static dev.switchboard.store.EscalationRows.EVENT_COLUMNS;

import dev.switchboard.escalation.DuplicateIdempotencyKey;
import dev.switchboard.escalation.DuplicateOpenEscalation;
import dev.switchboard.escalation.Escalation;
import dev.switchboard.escalation.EscalationContent;
import dev.switchboard.escalation.EscalationPage;
import dev.switchboard.escalation.EscalationQuery;
import dev.switchboard.escalation.EscalationStats;
import dev.switchboard.escalation.EscalationStore;
import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.QueueCursor;
import dev.switchboard.escalation.UnknownEscalation;
import dev.switchboard.input.WireEnum;
import dev.switchboard.policy.StaleVersionException;
import dev.switchboard.routing.SessionMode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link EscalationStore} in SQL. On SQLite a change reads the packet inside its {@code BEGIN IMMEDIATE} write
 * transaction (which excludes other writers), decides, and writes the packet, its events and its session in the same
 * transaction. On PostgreSQL the lifecycle's writes are single statements that check the version read (see {@link
 * PostgresEscalationWrites}). The queue is read by keyset over (priority rank, created at, id), which the open-queue
 * partial index serves in order. Thread-safe.
 */
final class SqlEscalationStore implements EscalationStore {
    /** The statuses of the open queue, as the partial indexes spell them. */
    private static final String OPEN = "status IN ('pending', 'in_progress')";

    private static final String BOT = WireEnum.code(SessionMode.BOT_ACTIVE);
    private static final String HUMAN = WireEnum.code(SessionMode.HUMAN_ACTIVE);

    private static final String UPDATE = "UPDATE escalations SET " + EscalationRows.STATE_ASSIGNMENTS
            + " WHERE tenant_id = ? AND escalation_id = ? AND version = ?";

    private final SqlAccess db;
    private final Dialect dialect;
    /** The lifecycle's writes as single statements, on PostgreSQL; null on SQLite. */
    private final PostgresEscalationWrites postgres;

    /** SQLite's sessions in memory, told of the sessions this store changes; null on PostgreSQL. */
    private final SessionCache sessions;

    SqlEscalationStore(SqlAccess db, Dialect dialect, DataSource dataSource, SessionCache sessions) {
        this.db = db;
        this.dialect = dialect;
        this.sessions = sessions;
        this.postgres = dialect == Dialect.POSTGRESQL ? new PostgresEscalationWrites(dataSource) : null;
    }

    @Override
    public void insert(Escalation packet, List<Event> events, IdempotentResponse response) {
        if (postgres != null && response == null) {
            if (!postgres.insert(packet, events)) {
                throw new DuplicateOpenEscalation(packet.content().dedupKey());
            }
            return;
        }
        db.useTransaction(handle -> {
            if (response != null && !insertResponse(handle, packet.tenantId(), response)) {
                throw new DuplicateIdempotencyKey(response.key());
            }
            insertPacket(handle, packet);
            insertEvents(handle, events);
        });
    }

    @Override
    public boolean insertForSession(Escalation packet, List<Event> events) {
        try {
            return storeForSession(packet, events);
        } finally {
            if (sessions != null) {
                sessions.forget(packet.tenantId(), packet.content().sessionId());
            }
        }
    }

    private boolean storeForSession(Escalation packet, List<Event> events) {
        return db.inTransaction(handle -> {
            boolean handedOff = handle.createQuery("""
                            INSERT INTO sessions (tenant_id, session_id, mode, escalation_id, updated_at)
                            VALUES (:tenant, :session, :human, :escalation, :at)
                            ON CONFLICT (tenant_id, session_id) DO UPDATE
                                SET mode = excluded.mode, escalation_id = excluded.escalation_id,
                                    updated_at = excluded.updated_at
                                WHERE sessions.mode = :bot
                            RETURNING session_id""")
                    .bind("tenant", packet.tenantId())
                    .bind("session", packet.content().sessionId())
                    .bind("human", HUMAN)
                    .bind("bot", BOT)
                    .bind("escalation", packet.id())
                    .bind("at", packet.createdAt().toEpochMilli())
                    .mapTo(String.class)
                    .findOne()
                    .isPresent();
            if (handedOff) {
                insertPacket(handle, packet);
                insertEvents(handle, events);
            }
            return handedOff;
        });
    }

    private static boolean insertResponse(Handle handle, String tenantId, IdempotentResponse response) {
        return handle.createUpdate("""
                        INSERT INTO idempotency_keys (tenant_id, idem_key, fingerprint, escalation_id, body, created_at)
                        VALUES (:tenant, :key, :fingerprint, :escalation, :body, :at)
                        ON CONFLICT DO NOTHING""")
                        .bind("tenant", tenantId)
                        .bind("key", response.key())
                        .bind("fingerprint", response.fingerprint())
                        .bind("escalation", response.escalationId())
                        .bind("body", response.body())
                        .bind("at", response.createdAt().toEpochMilli())
                        .execute()
                == 1;
    }

    /** Inserts a packet and its rule ids; a conflict can only be its open de-duplication key. */
    private static void insertPacket(Handle handle, Escalation packet) {
        EscalationContent c = packet.content();
        try (PreparedStatement insert = handle.getConnection().prepareStatement(EscalationRows.INSERT_PACKET)) {
            EscalationRows.bindPacket(insert, packet);
            if (insert.executeUpdate() == 0) {
                throw new DuplicateOpenEscalation(c.dedupKey());
            }
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
        if (!c.ruleIds().isEmpty()) {
            PreparedBatch rules =
                    handle.prepareBatch("INSERT INTO escalation_rules (tenant_id, escalation_id, rule_id, created_at) "
                            + "VALUES (:tenant, :id, :rule, :created)");
            c.ruleIds()
                    .forEach(rule -> rules.bind("tenant", packet.tenantId())
                            .bind("id", packet.id())
                            .bind("rule", rule)
                            .bind("created", packet.createdAt().toEpochMilli())
                            .add());
            rules.execute();
        }
    }

    private void insertEvents(Handle handle, List<Event> events) {
        SqlEvents.insert(handle, dialect, events);
    }

    @Override
    public Optional<Escalation> find(String tenantId, String escalationId) {
        return db.withHandle(handle -> select(handle, tenantId, escalationId, ""));
    }

    private static Optional<Escalation> select(Handle handle, String tenantId, String escalationId, String lock) {
        return handle.createQuery("SELECT " + COLUMNS
                        + " FROM escalations WHERE tenant_id = :tenant AND escalation_id = :id" + lock)
                .bind("tenant", tenantId)
                .bind("id", escalationId)
                .map((rs, ctx) -> EscalationRows.escalation(rs))
                .findOne();
    }

    @Override
    public Optional<Escalation> findByResumeToken(String tenantId, String resumeToken) {
        return db.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM escalations WHERE tenant_id = :tenant AND resume_token = :token")
                .bind("tenant", tenantId)
                .bind("token", resumeToken)
                .map((rs, ctx) -> EscalationRows.escalation(rs))
                .findOne());
    }

    @Override
    public Optional<Escalation> findOpen(String tenantId, String dedupKey) {
        return db.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM escalations WHERE tenant_id = :tenant AND dedup_key = :key AND " + OPEN)
                .bind("tenant", tenantId)
                .bind("key", dedupKey)
                .map((rs, ctx) -> EscalationRows.escalation(rs))
                .findOne());
    }

    @Override
    public Optional<IdempotentResponse> idempotentResponse(String tenantId, String key) {
        return db.withHandle(handle -> handle.createQuery("""
                        SELECT idem_key, fingerprint, escalation_id, body, created_at FROM idempotency_keys
                        WHERE tenant_id = :tenant AND idem_key = :key""")
                .bind("tenant", tenantId)
                .bind("key", key)
                .map((rs, ctx) -> new IdempotentResponse(
                        rs.getString("idem_key"),
                        rs.getString("fingerprint"),
                        rs.getString("escalation_id"),
                        rs.getString("body"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .findOne());
    }

    @Override
    public Changed change(
            String tenantId, String escalationId, Integer expectedVersion, Function<Escalation, Change> decide) {
        if (postgres != null) {
            return postgres.change(tenantId, escalationId, expectedVersion, decide);
        }
        String[] released = {null};
        try {
            return changeInTransaction(tenantId, escalationId, expectedVersion, decide, released);
        } finally {
            if (sessions != null && released[0] != null) {
                sessions.forget(tenantId, released[0]);
            }
        }
    }

    /** SQLite: {@code released[0]} names the session the change may have given back to the bot. */
    private Changed changeInTransaction(
            String tenantId,
            String escalationId,
            Integer expectedVersion,
            Function<Escalation, Change> decide,
            String[] released) {
        return db.inTransaction(handle -> {
            Escalation current = select(handle, tenantId, escalationId, dialect.forUpdate())
                    .orElseThrow(() -> new UnknownEscalation(escalationId));
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw new StaleVersionException(expectedVersion, current.version());
            }
            Change change = decide.apply(current);
            Escalation next = change.next();
            if (next == current) {
                return new Changed(current, List.of());
            }
            update(handle, current, next);
            List<Event> written = new ArrayList<>(change.events());
            if (change.release() != null) {
                released[0] = change.release().sessionId();
            }
            if (change.release() != null && release(handle, next, change.release())) {
                written.add(change.release().event());
            }
            insertEvents(handle, written);
            return new Changed(next, written);
        });
    }

    private static void update(Handle handle, Escalation current, Escalation next) {
        try (PreparedStatement update = handle.getConnection().prepareStatement(UPDATE)) {
            EscalationRows.bindState(update, 1, next.state());
            update.setString(13, next.tenantId());
            update.setString(14, next.id());
            update.setInt(15, current.version());
            if (update.executeUpdate() != 1) {
                // The row is locked by this transaction; a different version means the lock did not hold.
                throw new IllegalStateException("escalation " + next.id() + " changed under its lock");
            }
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    /** Gives the session back to the bot if this packet is the one that made it human-owned. */
    private static boolean release(Handle handle, Escalation packet, SessionRelease release) {
        return handle.createUpdate("""
                        UPDATE sessions SET mode = :bot, escalation_id = NULL, updated_at = :at
                        WHERE tenant_id = :tenant AND session_id = :session AND escalation_id = :escalation""")
                        .bind("bot", BOT)
                        .bind("at", packet.state().updatedAt().toEpochMilli())
                        .bind("tenant", packet.tenantId())
                        .bind("session", release.sessionId())
                        .bind("escalation", packet.id())
                        .execute()
                == 1;
    }

    @Override
    public EscalationPage list(String tenantId, EscalationQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM escalations WHERE tenant_id = :tenant");
        if (q.onlyOpen() || q.overdueAt() != null) {
            sql.append(" AND ").append(OPEN);
        }
        if (!q.statuses().isEmpty()) {
            sql.append(" AND status IN (")
                    .append(q.statuses().stream()
                            .map(s -> "'" + WireEnum.code(s) + "'")
                            .sorted()
                            .collect(Collectors.joining(", ")))
                    .append(')');
        }
        if (!q.priorities().isEmpty()) {
            sql.append(" AND priority_rank IN (")
                    .append(q.priorities().stream()
                            .map(p -> String.valueOf(p.ordinal()))
                            .sorted()
                            .collect(Collectors.joining(", ")))
                    .append(')');
        }
        if (q.assignedTo() != null) {
            sql.append(" AND assigned_to = :assignedTo");
        }
        if (q.targetRole() != null) {
            sql.append(" AND target_role = :targetRole");
        }
        if (q.entityType() != null) {
            sql.append(" AND entity_type = :entityType");
        }
        if (q.entityId() != null) {
            sql.append(" AND entity_id = :entityId");
        }
        if (q.overdueAt() != null) {
            sql.append(" AND due_at <= :overdueAt");
        }
        if (q.after() != null) {
            sql.append(" AND (priority_rank, created_at, escalation_id) > (:afterRank, :afterCreated, :afterId)");
        }
        sql.append(" ORDER BY priority_rank, created_at, escalation_id LIMIT :limit");
        List<Escalation> rows = db.withHandle(handle -> {
            Query query =
                    handle.createQuery(sql.toString()).bind("tenant", tenantId).bind("limit", q.limit() + 1);
            if (q.assignedTo() != null) {
                query.bind("assignedTo", q.assignedTo());
            }
            if (q.targetRole() != null) {
                query.bind("targetRole", q.targetRole());
            }
            if (q.entityType() != null) {
                query.bind("entityType", q.entityType());
            }
            if (q.entityId() != null) {
                query.bind("entityId", q.entityId());
            }
            if (q.overdueAt() != null) {
                query.bind("overdueAt", q.overdueAt().toEpochMilli());
            }
            if (q.after() != null) {
                query.bind("afterRank", q.after().priority().ordinal())
                        .bind("afterCreated", q.after().createdAt().toEpochMilli())
                        .bind("afterId", q.after().id());
            }
            return query.map((rs, ctx) -> EscalationRows.escalation(rs)).list();
        });
        if (rows.size() <= q.limit()) {
            return new EscalationPage(rows, null);
        }
        List<Escalation> page = rows.subList(0, q.limit());
        return new EscalationPage(page, QueueCursor.of(page.get(page.size() - 1)));
    }

    @Override
    public List<Event> events(String tenantId, String escalationId) {
        return db.withHandle(handle -> handle.createQuery("SELECT " + EVENT_COLUMNS
                        + " FROM events WHERE tenant_id = :tenant AND escalation_id = :id ORDER BY event_id")
                .bind("tenant", tenantId)
                .bind("id", escalationId)
                .map((rs, ctx) -> EscalationRows.event(rs))
                .list());
    }

    @Override
    public List<Ref> overdue(String tenantId, Instant now, int limit) {
        String tenantFilter = tenantId == null ? "" : " AND tenant_id = :tenant";
        return db.withHandle(handle -> {
            Query query = handle.createQuery("SELECT tenant_id, escalation_id FROM escalations WHERE " + OPEN
                            + " AND due_at <= :now" + tenantFilter + " ORDER BY due_at LIMIT :limit")
                    .bind("now", now.toEpochMilli())
                    .bind("limit", limit);
            if (tenantId != null) {
                query.bind("tenant", tenantId);
            }
            return query.map((rs, ctx) -> new Ref(rs.getString(1), rs.getString(2)))
                    .list();
        });
    }

    @Override
    public List<Ref> stalledResumes(Instant before, int limit) {
        return db.withHandle(handle -> handle.createQuery("""
                        SELECT tenant_id, escalation_id FROM escalations
                        WHERE resume_state = 'pending' AND resume_at < :before ORDER BY resume_at LIMIT :limit""")
                .bind("before", before.toEpochMilli())
                .bind("limit", limit)
                .map((rs, ctx) -> new Ref(rs.getString(1), rs.getString(2)))
                .list());
    }

    @Override
    public EscalationStats stats(String tenantId, Instant since, Instant now) {
        return db.withHandle(handle -> new SqlEscalationStats(handle, tenantId, since, now).compute());
    }

    @Override
    public int forgetIdempotentResponses(Instant before) {
        return db.inTransaction(handle -> handle.createUpdate("DELETE FROM idempotency_keys WHERE created_at < :before")
                .bind("before", before.toEpochMilli())
                .execute());
    }
}
