package dev.switchboard.store;

import static dev.switchboard.store.EscalationRows.EVENT_COLUMNS;

import dev.switchboard.escalation.Event;
import dev.switchboard.event.EventLog;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.statement.Query;

/** The tenant-wide read of the audit trail, by the primary key {@code (tenant_id, event_id)}. */
final class SqlEventLog implements EventLog {
    private final SqlAccess db;

    SqlEventLog(SqlAccess db) {
        this.db = db;
    }

    @Override
    public List<Event> after(String tenantId, String afterId, int limit) {
        String after = afterId == null ? "" : " AND event_id > :after";
        return db.withHandle(handle -> {
            Query query = handle.createQuery("SELECT " + EVENT_COLUMNS + " FROM events WHERE tenant_id = :tenant"
                            + after + " ORDER BY event_id LIMIT :limit")
                    .bind("tenant", tenantId)
                    .bind("limit", limit);
            if (afterId != null) {
                query.bind("after", afterId);
            }
            return query.map((rs, ctx) -> EscalationRows.event(rs)).list();
        });
    }

    @Override
    public List<Event> find(String tenantId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.withHandle(handle -> handle.createQuery("SELECT " + EVENT_COLUMNS
                        + " FROM events WHERE tenant_id = :tenant AND event_id IN (<ids>) ORDER BY event_id")
                .bind("tenant", tenantId)
                .bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> EscalationRows.event(rs))
                .list());
    }
}
