package dev.switchboard.store;

import static dev.switchboard.store.EscalationRows.COLUMNS;
import static dev.switchboard.store.EscalationRows.STATE_ASSIGNMENTS;

import dev.switchboard.escalation.Escalation;
import dev.switchboard.escalation.EscalationStore.Change;
import dev.switchboard.escalation.EscalationStore.Changed;
import dev.switchboard.escalation.EscalationStore.SessionRelease;
import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.UnknownEscalation;
import dev.switchboard.input.WireEnum;
import dev.switchboard.policy.StaleVersionException;
import dev.switchboard.routing.SessionMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The escalation lifecycle's writes on PostgreSQL, each a single statement that commits on its own: a new packet with
 * its rule ids, events and webhook deliveries; a change of a packet with its events, deliveries and the release of its
 * session. A change reads the packet, decides, and writes only if the packet still has the version it read; when
 * another change committed in between, it reads again and decides again. So a lifecycle step costs two round trips
 * and one commit, and no row lock is held while Java decides. Thread-safe.
 */
final class PostgresEscalationWrites {
    /**
     * Each retry follows a change that another caller committed to the same packet, so running out means a packet
     * changed this many times while one decision was made.
     */
    private static final int MAX_ATTEMPTS = 100;

    private static final String BOT = WireEnum.code(SessionMode.BOT_ACTIVE);

    private static final String SELECT =
            "SELECT " + COLUMNS + " FROM escalations WHERE tenant_id = ? AND escalation_id = ?";

    /** 30 packet columns, the rule ids, the events (see {@link SqlEvents#postgresAppend}); returns rows inserted. */
    private static final String INSERT = "WITH g AS (" + EscalationRows.INSERT_PACKET
            + " RETURNING tenant_id, escalation_id, created_at), "
            + "r AS (INSERT INTO escalation_rules (tenant_id, escalation_id, rule_id, created_at) "
            + "SELECT g.tenant_id, g.escalation_id, r.rule_id, g.created_at FROM g, unnest(?::text[]) AS r(rule_id)), "
            + SqlEvents.postgresAppend("g", null) + " SELECT count(*) FROM g";

    /**
     * 12 state columns, the packet's keys and the version read, the session to release (null for none), the events;
     * returns the packets updated and the sessions released.
     */
    private static final String CHANGE = "WITH g AS (UPDATE escalations SET " + STATE_ASSIGNMENTS
            + " WHERE tenant_id = ? AND escalation_id = ? AND version = ? RETURNING tenant_id, escalation_id), "
            + "s AS (UPDATE sessions SET mode = ?, escalation_id = NULL, updated_at = ? "
            + "WHERE tenant_id = ? AND session_id = ? AND escalation_id = ? AND EXISTS (SELECT 1 FROM g) RETURNING 1), "
            + SqlEvents.postgresAppend("g", "s") + " SELECT (SELECT count(*) FROM g), (SELECT count(*) FROM s)";

    private final DataSource dataSource;
    private final StatementCache select = new StatementCache(SELECT);
    private final StatementCache insert = new StatementCache(INSERT);
    private final StatementCache change = new StatementCache(CHANGE);

    PostgresEscalationWrites(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new packet with its events; false, writing nothing, when a unique key of it is taken. */
    boolean insert(Escalation packet, List<Event> events) {
        try (Connection connection = dataSource.getConnection()) {
            PreparedStatement statement = insert.on(connection);
            EscalationRows.bindPacket(statement, packet);
            statement.setArray(
                    31,
                    connection.createArrayOf("text", packet.content().ruleIds().toArray(String[]::new)));
            SqlEvents.bindArrays(statement, 32, events, 0, packet.content().workflowName());
            return count(statement) == 1;
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    /** See {@link dev.switchboard.escalation.EscalationStore#change}. */
    Changed change(String tenantId, String escalationId, Integer expectedVersion, Function<Escalation, Change> decide) {
        try (Connection connection = dataSource.getConnection()) {
            for (int attempt = 1; ; attempt++) {
                Escalation current = select(connection, tenantId, escalationId)
                        .orElseThrow(() -> new UnknownEscalation(escalationId));
                if (expectedVersion != null && expectedVersion != current.version()) {
                    throw new StaleVersionException(expectedVersion, current.version());
                }
                Change decided = decide.apply(current);
                Escalation next = decided.next();
                if (next == current) {
                    return new Changed(current, List.of());
                }
                List<Event> events = new ArrayList<>(decided.events());
                SessionRelease release = decided.release();
                if (release != null) {
                    events.add(release.event());
                }
                PreparedStatement statement = change.on(connection);
                EscalationRows.bindState(statement, 1, next.state());
                statement.setString(13, tenantId);
                statement.setString(14, escalationId);
                statement.setInt(15, current.version());
                statement.setString(16, BOT);
                statement.setLong(17, next.state().updatedAt().toEpochMilli());
                statement.setString(18, tenantId);
                statement.setString(19, release == null ? null : release.sessionId());
                statement.setString(20, escalationId);
                SqlEvents.bindArrays(
                        statement,
                        21,
                        events,
                        release == null ? 0 : 1,
                        next.content().workflowName());
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 1) {
                        if (release != null && rs.getInt(2) == 0) {
                            events.removeLast(); // the session was not this packet's to release
                        }
                        return new Changed(next, events);
                    }
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException(
                            "escalation " + escalationId + " kept changing while a change was decided");
                }
            }
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    private Optional<Escalation> select(Connection connection, String tenantId, String escalationId)
            throws SQLException {
        PreparedStatement statement = select.on(connection);
        statement.setString(1, tenantId);
        statement.setString(2, escalationId);
        try (ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(EscalationRows.escalation(rs)) : Optional.empty();
        }
    }

    private static int count(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
