package dev.switchboard.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.decisionlog.DecisionLogStore;
import dev.switchboard.decisionlog.DecisionQuery;
import dev.switchboard.decisionlog.DecisionRecord;
import dev.switchboard.input.WireEnum;
import dev.switchboard.json.DecisionJson;
import dev.switchboard.json.JsonMappers;
import dev.switchboard.routing.DecidedBy;
import dev.switchboard.routing.KeywordMatch;
import dev.switchboard.routing.Mode;
import dev.switchboard.routing.SessionMode;
import dev.switchboard.text.Language;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.statement.Query;

/** {@link DecisionLogStore} in SQL: batched inserts, keyset pagination by decision id. Thread-safe. */
final class SqlDecisionLogStore implements DecisionLogStore {
    private static final ObjectMapper JSON = JsonMappers.create();
    private static final TypeReference<List<KeywordMatch>> MATCHES = new TypeReference<>() {};
    private static final String COLUMNS = "tenant_id, decision_id, decided_at, session_id, mode, decided_by, "
            + "reason_code, risk_scenario, matches, policy_version, locale, message_hash, message_text";

    private static final String INSERT = "INSERT INTO decisions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?) ON CONFLICT (tenant_id, decision_id) DO NOTHING";

    private static final String REGISTER_SESSION = """
            INSERT INTO sessions (tenant_id, session_id, mode, escalation_id, updated_at) VALUES (?, ?, ?, NULL, ?)
            ON CONFLICT (tenant_id, session_id) DO NOTHING""";
    private static final String BOT = WireEnum.code(SessionMode.BOT_ACTIVE);

    private final SqlAccess db;
    private final SessionCache sessions;

    /** @param sessions the sessions in memory, told of sessions this store may store; null for none */
    SqlDecisionLogStore(SqlAccess db, SessionCache sessions) {
        this.db = db;
        this.sessions = sessions;
    }

    @Override
    public void append(List<DecisionRecord> batch) {
        // A JDBC batch inside Jdbi's transaction (which also queues SQLite writers fairly): binding 13 named
        // parameters per row through Jdbi cost more than the insert itself at thousands of decisions a second.
        try {
            db.useTransaction(handle -> {
                try (PreparedStatement insert = handle.getConnection().prepareStatement(INSERT)) {
                    for (DecisionRecord r : batch) {
                        insert.setString(1, r.tenantId());
                        insert.setString(2, r.decisionId());
                        insert.setLong(3, r.decidedAt().toEpochMilli());
                        insert.setString(4, r.sessionId());
                        insert.setString(5, WireEnum.code(r.mode()));
                        insert.setString(6, WireEnum.code(r.decidedBy()));
                        insert.setString(7, r.reasonCode());
                        insert.setString(8, r.riskScenario());
                        insert.setString(9, json(r.matches()));
                        insert.setInt(10, r.policyVersion());
                        insert.setString(11, r.locale().code());
                        insert.setString(12, r.messageHash());
                        insert.setString(13, r.messageText());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                registerSessions(handle.getConnection(), batch);
            });
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
        if (sessions != null) {
            for (DecisionRecord r : batch) {
                if (r.sessionId() != null) {
                    sessions.forgetUnlessStored(r.tenantId(), r.sessionId());
                }
            }
        }
    }

    /**
     * Each session of the batch, once, as bot-owned unless already stored; those the sessions in memory know to be
     * stored are skipped, which keeps SQLite's one write lock shorter.
     */
    private void registerSessions(Connection connection, List<DecisionRecord> batch) throws SQLException {
        Set<List<String>> seen = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(REGISTER_SESSION)) {
            for (DecisionRecord r : batch) {
                if (r.sessionId() != null
                        && !(sessions != null && sessions.isStored(r.tenantId(), r.sessionId()))
                        && seen.add(List.of(r.tenantId(), r.sessionId()))) {
                    insert.setString(1, r.tenantId());
                    insert.setString(2, r.sessionId());
                    insert.setString(3, BOT);
                    insert.setLong(4, r.decidedAt().toEpochMilli());
                    insert.addBatch();
                }
            }
            if (!seen.isEmpty()) {
                insert.executeBatch();
            }
        }
    }

    @Override
    public List<DecisionRecord> query(DecisionQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM decisions WHERE tenant_id = :tenant");
        if (q.before() != null) {
            sql.append(" AND decision_id < :before");
        }
        if (q.mode() != null) {
            sql.append(" AND mode = :mode");
        }
        if (q.reasonCode() != null) {
            sql.append(" AND reason_code = :reason");
        }
        if (q.riskScenario() != null) {
            sql.append(" AND risk_scenario = :scenario");
        }
        if (q.sessionId() != null) {
            sql.append(" AND session_id = :session");
        }
        if (q.since() != null) {
            sql.append(" AND decided_at >= :since");
        }
        if (q.until() != null) {
            sql.append(" AND decided_at < :until");
        }
        sql.append(" ORDER BY decision_id DESC LIMIT :limit");
        return db.withHandle(handle -> {
            Query query = handle.createQuery(sql.toString())
                    .bind("tenant", q.tenantId())
                    .bind("before", q.before())
                    .bind("mode", q.mode() == null ? null : WireEnum.code(q.mode()))
                    .bind("reason", q.reasonCode())
                    .bind("scenario", q.riskScenario())
                    .bind("session", q.sessionId())
                    .bind("since", q.since() == null ? null : q.since().toEpochMilli())
                    .bind("until", q.until() == null ? null : q.until().toEpochMilli())
                    .bind("limit", q.limit());
            return query.map((rs, ctx) -> record(rs)).list();
        });
    }

    private static DecisionRecord record(ResultSet rs) throws SQLException {
        return new DecisionRecord(
                rs.getString("tenant_id"),
                rs.getString("decision_id"),
                Instant.ofEpochMilli(rs.getLong("decided_at")),
                rs.getString("session_id"),
                WireEnum.parse(Mode.class, rs.getString("mode")).orElseThrow(),
                WireEnum.parse(DecidedBy.class, rs.getString("decided_by")).orElseThrow(),
                rs.getString("reason_code"),
                rs.getString("risk_scenario"),
                matches(rs.getString("matches")),
                rs.getInt("policy_version"),
                WireEnum.parse(Language.class, rs.getString("locale")).orElseThrow(),
                rs.getString("message_hash"),
                rs.getString("message_text"));
    }

    /**
     * The matches as the JSON array {@link #matches(String)} reads (each as on the wire), written by a generator: the
     * object mapper looked up its record serializer on every call, a fifth of the decision log's time per row.
     */
    static String json(List<KeywordMatch> matches) {
        if (matches.isEmpty()) {
            return "[]";
        }
        StringWriter text = new StringWriter(64 * matches.size());
        try (JsonGenerator out = JSON.getFactory().createGenerator(text)) {
            out.writeStartArray();
            for (KeywordMatch match : matches) {
                DecisionJson.writeMatch(out, match);
            }
            out.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static List<KeywordMatch> matches(String json) {
        try {
            return JSON.readValue(json, MATCHES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable matches in the decision log: " + json, e);
        }
    }
}
