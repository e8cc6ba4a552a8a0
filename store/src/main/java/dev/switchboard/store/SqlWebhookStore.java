package dev.switchboard.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.EventType;
import dev.switchboard.input.WireEnum;
import dev.switchboard.webhook.Delivery;
import dev.switchboard.webhook.DeliveryState;
import dev.switchboard.webhook.Outgoing;
import dev.switchboard.webhook.Webhook;
import dev.switchboard.webhook.WebhookStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Update;

/**
 * {@link WebhookStore} in SQL. The outbox rows are written by {@link SqlEvents}; this claims and records them. On
 * PostgreSQL a claim is one statement that skips rows another node is claiming ({@code FOR UPDATE SKIP LOCKED}); on
 * SQLite the write transaction is exclusive anyway. Thread-safe.
 */
final class SqlWebhookStore implements WebhookStore {
    private static final String COLUMNS = "tenant_id, delivery_id, seq, webhook, event_id, event_type, escalation_id, "
            + "state, attempts, last_status, last_error, next_attempt_at, give_up_at, created_at, updated_at";

    /** Due pending deliveries that are the oldest pending one of their packet for their subscription. */
    private static final String DUE = """
            d.state = 'pending' AND d.next_attempt_at <= :now
            AND NOT EXISTS (SELECT 1 FROM deliveries p
                            WHERE p.tenant_id = d.tenant_id AND p.webhook = d.webhook
                              AND p.escalation_id = d.escalation_id AND p.state = 'pending' AND p.seq < d.seq)""";

    /** What a claimed delivery sends: its event, and its subscription's URL and secret. */
    private static final String PAYLOAD = "e.actor, e.data, e.occurred_at, w.url, w.secret";

    private static final String PAYLOAD_JOINS = """
            JOIN events e ON e.tenant_id = d.tenant_id AND e.event_id = d.event_id
            JOIN webhooks w ON w.tenant_id = d.tenant_id AND w.name = d.webhook""";

    private static final String POSTGRES_CLAIM = "WITH due AS (SELECT d.tenant_id, d.delivery_id FROM deliveries d "
            + "WHERE " + DUE + " ORDER BY d.next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED), "
            + "claimed AS (UPDATE deliveries c SET attempts = c.attempts + 1, next_attempt_at = :lease, "
            + "updated_at = :now FROM due WHERE c.tenant_id = due.tenant_id AND c.delivery_id = due.delivery_id "
            + "RETURNING c.*) SELECT " + prefixed("d") + ", " + PAYLOAD + " FROM claimed d " + PAYLOAD_JOINS;

    private static final String SQLITE_DUE = "SELECT " + prefixed("d") + ", " + PAYLOAD + " FROM deliveries d "
            + PAYLOAD_JOINS + " WHERE " + DUE + " ORDER BY d.next_attempt_at LIMIT :limit";

    private final SqlAccess db;
    private final Dialect dialect;

    SqlWebhookStore(SqlAccess db, Dialect dialect) {
        this.db = db;
        this.dialect = dialect;
    }

    private static String prefixed(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    // ---- subscriptions

    @Override
    public boolean put(Webhook webhook) {
        return db.inTransaction(handle -> {
            // Created is whether the insert took, not whether the stored secret is the candidate's: a replacement
            // may well carry the secret it already has.
            boolean created = bindWebhook(handle.createUpdate("""
                                    INSERT INTO webhooks (tenant_id, name, url, events, workflows, secret, created_at,
                                        updated_at)
                                    VALUES (:tenant, :name, :url, :events, :workflows, :secret, :at, :at)
                                    ON CONFLICT (tenant_id, name) DO NOTHING"""), webhook)
                            .bind("secret", webhook.secret())
                            .execute()
                    == 1;
            if (!created) {
                bindWebhook(handle.createUpdate("""
                                        UPDATE webhooks SET url = :url, events = :events, workflows = :workflows,
                                            updated_at = :at
                                        WHERE tenant_id = :tenant AND name = :name"""), webhook).execute();
            }
            replaceSet(
                    handle,
                    "webhook_events",
                    "event_type",
                    webhook,
                    webhook.events().stream().map(EventType::code).toList());
            replaceSet(handle, "webhook_workflows", "workflow", webhook, webhook.workflows());
            return created;
        });
    }

    private static Update bindWebhook(Update update, Webhook webhook) {
        return update.bind("tenant", webhook.tenantId())
                .bind("name", webhook.name())
                .bind("url", webhook.url())
                .bind(
                        "events",
                        array(webhook.events().stream()
                                .map(EventType::code)
                                .sorted()
                                .toList()))
                .bind("workflows", array(webhook.workflows().stream().sorted().toList()))
                .bind("at", webhook.updatedAt().toEpochMilli());
    }

    private static void replaceSet(
            Handle handle, String table, String column, Webhook webhook, Collection<String> values) {
        handle.createUpdate("DELETE FROM " + table + " WHERE tenant_id = :tenant AND name = :name")
                .bind("tenant", webhook.tenantId())
                .bind("name", webhook.name())
                .execute();
        if (values.isEmpty()) {
            return;
        }
        PreparedBatch insert = handle.prepareBatch(
                "INSERT INTO " + table + " (tenant_id, name, " + column + ") VALUES (:tenant, :name, :value)");
        for (String value : values) {
            insert.bind("tenant", webhook.tenantId())
                    .bind("name", webhook.name())
                    .bind("value", value)
                    .add();
        }
        insert.execute();
    }

    @Override
    public Optional<Webhook> find(String tenantId, String name) {
        return db.withHandle(
                handle -> handle.createQuery("SELECT * FROM webhooks WHERE tenant_id = :tenant AND name = :name")
                        .bind("tenant", tenantId)
                        .bind("name", name)
                        .map((rs, ctx) -> webhook(rs))
                        .findOne());
    }

    @Override
    public List<Webhook> list(String tenantId) {
        return db.withHandle(
                handle -> handle.createQuery("SELECT * FROM webhooks WHERE tenant_id = :tenant ORDER BY name")
                        .bind("tenant", tenantId)
                        .map((rs, ctx) -> webhook(rs))
                        .list());
    }

    @Override
    public boolean delete(String tenantId, String name) {
        return db.inTransaction(handle -> {
            for (String table : List.of("deliveries", "webhook_events", "webhook_workflows")) {
                String column = table.equals("deliveries") ? "webhook" : "name";
                handle.createUpdate("DELETE FROM " + table + " WHERE tenant_id = :tenant AND " + column + " = :name")
                        .bind("tenant", tenantId)
                        .bind("name", name)
                        .execute();
            }
            return handle.createUpdate("DELETE FROM webhooks WHERE tenant_id = :tenant AND name = :name")
                            .bind("tenant", tenantId)
                            .bind("name", name)
                            .execute()
                    == 1;
        });
    }

    @Override
    public boolean anyTakes(String tenantId, EventType type, String workflow) {
        return db.withHandle(handle -> handle.createQuery("""
                        SELECT 1 FROM webhook_events we
                        WHERE we.tenant_id = :tenant AND we.event_type = :type
                          AND (NOT EXISTS (SELECT 1 FROM webhook_workflows f
                                           WHERE f.tenant_id = we.tenant_id AND f.name = we.name)
                               OR EXISTS (SELECT 1 FROM webhook_workflows f
                                          WHERE f.tenant_id = we.tenant_id AND f.name = we.name
                                            AND f.workflow = :workflow))
                        LIMIT 1""")
                .bind("tenant", tenantId)
                .bind("type", type.code())
                .bind("workflow", workflow)
                .mapTo(Integer.class)
                .findOne()
                .isPresent());
    }

    // ---- deliveries

    @Override
    public List<Delivery> deliveries(String tenantId, String webhook, DeliveryState state, Long beforeSeq, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM deliveries WHERE tenant_id = :tenant AND webhook = :webhook"
                + (state == null ? "" : " AND state = :state")
                + (beforeSeq == null ? "" : " AND seq < :before")
                + " ORDER BY seq DESC LIMIT :limit";
        return db.withHandle(handle -> handle.createQuery(sql)
                .bind("tenant", tenantId)
                .bind("webhook", webhook)
                .bind("state", state == null ? null : WireEnum.code(state))
                .bind("before", beforeSeq)
                .bind("limit", limit)
                .map((rs, ctx) -> delivery(rs))
                .list());
    }

    @Override
    public Optional<Delivery> delivery(String tenantId, String webhook, String deliveryId) {
        return db.withHandle(handle -> select(handle, tenantId, webhook, deliveryId));
    }

    private static Optional<Delivery> select(Handle handle, String tenantId, String webhook, String deliveryId) {
        return handle.createQuery("SELECT " + COLUMNS
                        + " FROM deliveries WHERE tenant_id = :tenant AND delivery_id = :id AND webhook = :webhook")
                .bind("tenant", tenantId)
                .bind("id", deliveryId)
                .bind("webhook", webhook)
                .map((rs, ctx) -> delivery(rs))
                .findOne();
    }

    @Override
    public Optional<Delivery> retry(String tenantId, String webhook, String deliveryId, Instant now, Instant giveUpAt) {
        return db.inTransaction(handle -> {
            int updated = handle.createUpdate("""
                            UPDATE deliveries SET state = 'pending', next_attempt_at = :now, give_up_at = :giveUp,
                                updated_at = :now
                            WHERE tenant_id = :tenant AND delivery_id = :id AND webhook = :webhook""")
                    .bind("now", now.toEpochMilli())
                    .bind("giveUp", giveUpAt.toEpochMilli())
                    .bind("tenant", tenantId)
                    .bind("id", deliveryId)
                    .bind("webhook", webhook)
                    .execute();
            return updated == 0 ? Optional.<Delivery>empty() : select(handle, tenantId, webhook, deliveryId);
        });
    }

    @Override
    public List<Outgoing> claim(Instant now, Instant leaseUntil, int limit) {
        if (dialect == Dialect.POSTGRESQL) {
            return db.inTransaction(handle -> handle.createQuery(POSTGRES_CLAIM)
                    .bind("now", now.toEpochMilli())
                    .bind("lease", leaseUntil.toEpochMilli())
                    .bind("limit", limit)
                    .map((rs, ctx) -> outgoing(rs))
                    .list());
        }
        return db.inTransaction(handle -> {
            List<Outgoing> due = handle.createQuery(SQLITE_DUE)
                    .bind("now", now.toEpochMilli())
                    .bind("limit", limit)
                    .map((rs, ctx) -> outgoing(rs))
                    .list();
            List<Outgoing> claimed = new ArrayList<>(due.size());
            for (Outgoing o : due) {
                Delivery d = o.delivery();
                handle.createUpdate("""
                                UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = :lease, updated_at = :now
                                WHERE tenant_id = :tenant AND delivery_id = :id""")
                        .bind("lease", leaseUntil.toEpochMilli())
                        .bind("now", now.toEpochMilli())
                        .bind("tenant", d.tenantId())
                        .bind("id", d.id())
                        .execute();
                Delivery leased = new Delivery(
                        d.tenantId(),
                        d.id(),
                        d.seq(),
                        d.webhook(),
                        d.eventId(),
                        d.eventType(),
                        d.escalationId(),
                        d.state(),
                        d.attempts() + 1,
                        d.lastStatus(),
                        d.lastError(),
                        leaseUntil,
                        d.giveUpAt(),
                        d.createdAt(),
                        now);
                claimed.add(new Outgoing(leased, o.url(), o.secret(), o.event()));
            }
            return claimed;
        });
    }

    @Override
    public boolean record(Delivery claimed, Outcome outcome) {
        return db.inTransaction(handle -> handle.createUpdate("""
                                UPDATE deliveries SET state = :state, last_status = :status, last_error = :error,
                                    next_attempt_at = :next, updated_at = :at
                                WHERE tenant_id = :tenant AND delivery_id = :id AND attempts = :attempts
                                  AND state = 'pending'""")
                        .bind("state", WireEnum.code(outcome.state()))
                        .bind("status", outcome.status())
                        .bind("error", outcome.error())
                        .bind(
                                "next",
                                (outcome.nextAttemptAt() == null ? outcome.at() : outcome.nextAttemptAt())
                                        .toEpochMilli())
                        .bind("at", outcome.at().toEpochMilli())
                        .bind("tenant", claimed.tenantId())
                        .bind("id", claimed.id())
                        .bind("attempts", claimed.attempts())
                        .execute()
                == 1);
    }

    // ---- rows

    private static Webhook webhook(ResultSet rs) throws SQLException {
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        for (JsonNode code : EscalationRows.parse(rs.getString("events"))) {
            EventType.parse(code.asText()).ifPresent(events::add);
        }
        Set<String> workflows = new LinkedHashSet<>();
        EscalationRows.parse(rs.getString("workflows")).forEach(w -> workflows.add(w.asText()));
        return new Webhook(
                rs.getString("tenant_id"),
                rs.getString("name"),
                rs.getString("url"),
                events,
                workflows,
                rs.getString("secret"),
                EscalationRows.instant(rs, "created_at"),
                EscalationRows.instant(rs, "updated_at"));
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        int status = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : status;
        return new Delivery(
                rs.getString("tenant_id"),
                rs.getString("delivery_id"),
                rs.getLong("seq"),
                rs.getString("webhook"),
                rs.getString("event_id"),
                EventType.parse(rs.getString("event_type")).orElseThrow(),
                rs.getString("escalation_id"),
                WireEnum.parse(DeliveryState.class, rs.getString("state")).orElseThrow(),
                rs.getInt("attempts"),
                lastStatus,
                rs.getString("last_error"),
                EscalationRows.instant(rs, "next_attempt_at"),
                EscalationRows.instant(rs, "give_up_at"),
                EscalationRows.instant(rs, "created_at"),
                EscalationRows.instant(rs, "updated_at"));
    }

    private static Outgoing outgoing(ResultSet rs) throws SQLException {
        Delivery delivery = delivery(rs);
        Event event = new Event(
                delivery.eventId(),
                delivery.tenantId(),
                delivery.escalationId(),
                delivery.eventType(),
                EscalationRows.instant(rs, "occurred_at"),
                rs.getString("actor"),
                EscalationRows.parse(rs.getString("data")));
        return new Outgoing(delivery, rs.getString("url"), rs.getString("secret"), event);
    }

    private static String array(Collection<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return EscalationRows.write(array);
    }
}
