package dev.switchboard.store;

import static dev.switchboard.store.EscalationRows.EVENT_COLUMNS;

import dev.switchboard.escalation.Event;
import dev.switchboard.webhook.RetrySchedule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Appends events to the audit trail and, in the same transaction, to the webhook outbox: one delivery per event and
 * subscription that takes it (its event type, and its workflows filter empty or naming the packet's workflow). On
 * PostgreSQL both are one statement per event, all events of a change sent in one batch, or part of the statement
 * that writes the packet ({@link #postgresAppend}).
 */
final class SqlEvents {
    private static final String VALUES = "(:tenant, :id, :escalation, :type, :at, :actor, :data)";

    /** The subscriptions that take the event {@code e}, joined to it and filtered by its packet's workflow. */
    private static String subscribers(String workflow) {
        return """
                JOIN webhook_events we ON we.tenant_id = e.tenant_id AND we.event_type = e.type
                JOIN webhooks w ON w.tenant_id = we.tenant_id AND w.name = we.name
                WHERE (NOT EXISTS (SELECT 1 FROM webhook_workflows f WHERE f.tenant_id = w.tenant_id AND f.name = w.name)
                       OR EXISTS (SELECT 1 FROM webhook_workflows f
                                  WHERE f.tenant_id = w.tenant_id AND f.name = w.name AND f.workflow = %s))""".formatted(workflow);
    }

    /** The workflow of event {@code e}'s packet, read from the packet's row. */
    private static final String STORED_WORKFLOW = "(SELECT x.workflow_name FROM escalations x "
            + "WHERE x.tenant_id = e.tenant_id AND x.escalation_id = e.escalation_id)";

    private static final String DELIVERY_COLUMNS = "tenant_id, delivery_id, webhook, event_id, event_type, "
            + "escalation_id, state, attempts, next_attempt_at, give_up_at, created_at, updated_at";

    private static final String DELIVERY_VALUES = "w.tenant_id, e.event_id || '.' || w.name, w.name, e.event_id, "
            + "e.type, e.escalation_id, 'pending', 0, e.occurred_at, e.occurred_at + "
            + RetrySchedule.GIVE_UP_AFTER.toMillis() + ", e.occurred_at, e.occurred_at";

    private static final String POSTGRES = "WITH e AS (INSERT INTO events (" + EVENT_COLUMNS + ") VALUES " + VALUES
            + " RETURNING " + EVENT_COLUMNS + ") INSERT INTO deliveries (" + DELIVERY_COLUMNS + ") SELECT "
            + DELIVERY_VALUES + " FROM e " + subscribers(STORED_WORKFLOW);

    /** SQLite: writes are serialized, so one past the largest seq is free. */
    private static final String SQLITE_FAN_OUT = "INSERT INTO deliveries (" + DELIVERY_COLUMNS + ", seq) SELECT "
            + DELIVERY_VALUES + ", (SELECT COALESCE(MAX(seq), 0) + 1 FROM deliveries) FROM events e "
            + subscribers(STORED_WORKFLOW)
            + " AND e.tenant_id = :tenant AND e.event_id = :id";

    /**
     * PostgreSQL: the common table expressions {@code e} and {@code d} that append one packet's events and their
     * deliveries inside a statement that writes the packet. {@code guard} names an earlier expression that returns
     * the packet's {@code tenant_id} and {@code escalation_id} when its write happened (none, none is appended), and
     * {@code released}, when not null, one that returns a row when the packet's session was released: events marked
     * as the release's are appended only then. Parameters, from {@code first}: the events as arrays (see {@link
     * #bindArrays}), then the packet's workflow.
     */
    static String postgresAppend(String guard, String released) {
        String condition = released == null ? "" : " WHERE NOT v.released OR EXISTS (SELECT 1 FROM " + released + ")";
        return "e AS (INSERT INTO events (" + EVENT_COLUMNS + ") SELECT " + guard + ".tenant_id, v.event_id, "
                + guard + ".escalation_id, v.type, v.occurred_at, v.actor, v.data FROM " + guard
                + ", unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::boolean[])"
                + " AS v(event_id, type, occurred_at, actor, data, released)" + condition + " RETURNING "
                + EVENT_COLUMNS + "), d AS (INSERT INTO deliveries (" + DELIVERY_COLUMNS + ") SELECT "
                + DELIVERY_VALUES + " FROM e " + subscribers("?") + ")";
    }

    /**
     * Binds {@link #postgresAppend}'s parameters from {@code first}: {@code events} in order, the last {@code
     * releaseEvents} of them marked as the session release's, and {@code workflow}; returns the next parameter.
     */
    static int bindArrays(
            PreparedStatement statement, int first, List<Event> events, int releaseEvents, String workflow)
            throws SQLException {
        int n = events.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        Long[] at = new Long[n];
        String[] actors = new String[n];
        String[] data = new String[n];
        Boolean[] released = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Event event = events.get(i);
            ids[i] = event.id();
            types[i] = event.type().code();
            at[i] = event.occurredAt().toEpochMilli();
            actors[i] = event.actor();
            data[i] = EscalationRows.write(event.data());
            released[i] = i >= n - releaseEvents;
        }
        Connection connection = statement.getConnection();
        statement.setArray(first, connection.createArrayOf("text", ids));
        statement.setArray(first + 1, connection.createArrayOf("text", types));
        statement.setArray(first + 2, connection.createArrayOf("int8", at));
        statement.setArray(first + 3, connection.createArrayOf("text", actors));
        statement.setArray(first + 4, connection.createArrayOf("text", data));
        statement.setArray(first + 5, connection.createArrayOf("bool", released));
        statement.setString(first + 6, workflow);
        return first + 7;
    }

    private SqlEvents() {}

    static void insert(Handle handle, Dialect dialect, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        if (dialect == Dialect.POSTGRESQL) {
            bindAll(handle.prepareBatch(POSTGRES), events).execute();
        } else {
            bindAll(handle.prepareBatch("INSERT INTO events (" + EVENT_COLUMNS + ") VALUES " + VALUES), events)
                    .execute();
            for (Event event : events) {
                handle.createUpdate(SQLITE_FAN_OUT)
                        .bind("tenant", event.tenantId())
                        .bind("id", event.id())
                        .execute();
            }
        }
    }

    private static PreparedBatch bindAll(PreparedBatch batch, List<Event> events) {
        for (Event event : events) {
            batch.bind("tenant", event.tenantId())
                    .bind("id", event.id())
                    .bind("escalation", event.escalationId())
                    .bind("type", event.type().code())
                    .bind("at", event.occurredAt().toEpochMilli())
                    .bind("actor", event.actor())
                    .bind("data", EscalationRows.write(event.data()))
                    .add();
        }
        return batch;
    }
}
