package dev.switchboard.store;

import static dev.switchboard.store.EscalationRows.EVENT_COLUMNS;

import dev.switchboard.escalation.Event;
import dev.switchboard.webhook.RetrySchedule;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Appends events to the audit trail and, in the same transaction, to the webhook outbox: one delivery per event and
 * subscription that takes it (its event type, and its workflows filter empty or naming the packet's workflow). On
 * PostgreSQL both are one statement per event, all events of a change sent in one batch.
 */
final class SqlEvents {
    private static final String VALUES = "(:tenant, :id, :escalation, :type, :at, :actor, :data)";

    /** The subscriptions that take the event {@code e}: its type, and their workflows filter empty or its packet's. */
    private static final String SUBSCRIBERS = """
            JOIN webhook_events we ON we.tenant_id = e.tenant_id AND we.event_type = e.type
            JOIN webhooks w ON w.tenant_id = we.tenant_id AND w.name = we.name
            WHERE (NOT EXISTS (SELECT 1 FROM webhook_workflows f WHERE f.tenant_id = w.tenant_id AND f.name = w.name)
                   OR EXISTS (SELECT 1 FROM webhook_workflows f JOIN escalations x
                                  ON x.tenant_id = f.tenant_id AND x.workflow_name = f.workflow
                              WHERE f.tenant_id = w.tenant_id AND f.name = w.name
                                AND x.escalation_id = e.escalation_id))""";

    private static final String DELIVERY_COLUMNS = "tenant_id, delivery_id, webhook, event_id, event_type, "
            + "escalation_id, state, attempts, next_attempt_at, give_up_at, created_at, updated_at";

    private static final String DELIVERY_VALUES = "w.tenant_id, e.event_id || '.' || w.name, w.name, e.event_id, "
            + "e.type, e.escalation_id, 'pending', 0, e.occurred_at, e.occurred_at + "
            + RetrySchedule.GIVE_UP_AFTER.toMillis() + ", e.occurred_at, e.occurred_at";

    private static final String POSTGRES = "WITH e AS (INSERT INTO events (" + EVENT_COLUMNS + ") VALUES " + VALUES
            + " RETURNING " + EVENT_COLUMNS + ") INSERT INTO deliveries (" + DELIVERY_COLUMNS + ") SELECT "
            + DELIVERY_VALUES + " FROM e " + SUBSCRIBERS;

    /** SQLite: writes are serialized, so one past the largest seq is free. */
    private static final String SQLITE_FAN_OUT = "INSERT INTO deliveries (" + DELIVERY_COLUMNS + ", seq) SELECT "
            + DELIVERY_VALUES + ", (SELECT COALESCE(MAX(seq), 0) + 1 FROM deliveries) FROM events e " + SUBSCRIBERS
            + " AND e.tenant_id = :tenant AND e.event_id = :id";

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
