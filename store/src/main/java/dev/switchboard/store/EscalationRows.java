package dev.switchboard.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.escalation.Artifact;
import dev.switchboard.escalation.Escalation;
import dev.switchboard.escalation.EscalationContent;
import dev.switchboard.escalation.EscalationReason;
import dev.switchboard.escalation.EscalationState;
import dev.switchboard.escalation.EscalationStatus;
import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.EventType;
import dev.switchboard.escalation.LocalizedFields;
import dev.switchboard.escalation.Priority;
import dev.switchboard.escalation.Resolution;
import dev.switchboard.escalation.ResumeState;
import dev.switchboard.escalation.ResumeStatus;
import dev.switchboard.input.WireEnum;
import dev.switchboard.json.JsonMappers;
import dev.switchboard.text.Language;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Escalations and events as rows: the columns the queue filters and sorts by, and the rest of a packet's fixed
 * content as one JSON document ({@code details}). Thread-safe.
 */
final class EscalationRows {
    static final String COLUMNS = "tenant_id, escalation_id, status, priority, priority_rank, reason, title, "
            + "entity_type, entity_id, workflow_name, target_role, session_id, assigned_to, confidence, details, "
            + "resume_token, dedup_key, due_at, created_at, created_by, updated_at, resolved_at, breached_at, "
            + "resolution, cancel_reason, resume_state, resume_attempts, resume_error, resume_at, version";
    /** A new packet's row: {@link #COLUMNS} as parameters, bound by {@link #bindPacket}; a taken unique key skips it. */
    static final String INSERT_PACKET =
            "INSERT INTO escalations (" + COLUMNS + ") VALUES (" + "?, ".repeat(29) + "?) ON CONFLICT DO NOTHING";

    static final String EVENT_COLUMNS = "tenant_id, event_id, escalation_id, type, occurred_at, actor, data";

    private static final ObjectMapper JSON = JsonMappers.create();

    private EscalationRows() {}

    /** A packet from a row of {@link #COLUMNS}, read by position in that order. */
    static Escalation escalation(ResultSet rs) throws SQLException {
        JsonNode details = parse(rs.getString(15));
        double confidence = rs.getDouble(14);
        Double maybeConfidence = rs.wasNull() ? null : confidence;
        EscalationContent content = new EscalationContent(
                rs.getString(7),
                text(details, "title_ar"),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                text(details, "failed_step"),
                parse(EscalationReason.class, rs.getString(6)),
                strings(details.get("missing_data")),
                parse(Priority.class, rs.getString(4)),
                instant(rs, 18),
                text(details, "risk_if_delayed"),
                text(details, "risk_if_delayed_ar"),
                artifacts(details.get("artifacts")),
                text(details, "suggested_action"),
                text(details, "suggested_action_ar"),
                maybeConfidence,
                rs.getString(11),
                rs.getString(12),
                strings(details.get("rule_ids")),
                i18n(details.get("i18n")),
                rs.getString(17));
        String resolution = rs.getString(24);
        EscalationState state = new EscalationState(
                parse(EscalationStatus.class, rs.getString(3)),
                rs.getString(13),
                instant(rs, 21),
                instant(rs, 22),
                instant(rs, 23),
                resolution == null ? null : resolution(parse(resolution)),
                rs.getString(25),
                new ResumeStatus(
                        parse(ResumeState.class, rs.getString(26)), rs.getInt(27), rs.getString(28), instant(rs, 29)),
                rs.getInt(30));
        return new Escalation(
                rs.getString(2), rs.getString(1), content, state, rs.getString(16), instant(rs, 19), rs.getString(20));
    }

    /** Binds a new packet's {@link #COLUMNS}, in that order, to parameters 1 to 30. */
    static void bindPacket(PreparedStatement insert, Escalation packet) throws SQLException {
        EscalationContent c = packet.content();
        insert.setString(1, packet.tenantId());
        insert.setString(2, packet.id());
        insert.setString(3, WireEnum.code(packet.state().status()));
        insert.setString(4, WireEnum.code(c.priority()));
        insert.setInt(5, c.priority().ordinal());
        insert.setString(6, WireEnum.code(c.reason()));
        insert.setString(7, c.title());
        insert.setString(8, c.entityType());
        insert.setString(9, c.entityId());
        insert.setString(10, c.workflowName());
        insert.setString(11, c.targetRole());
        insert.setString(12, c.sessionId());
        insert.setString(13, packet.state().assignedTo());
        if (c.confidence() == null) {
            insert.setNull(14, Types.DOUBLE);
        } else {
            insert.setDouble(14, c.confidence());
        }
        insert.setString(15, details(c));
        insert.setString(16, packet.resumeToken());
        insert.setString(17, c.dedupKey());
        insert.setLong(18, c.dueAt().toEpochMilli());
        insert.setLong(19, packet.createdAt().toEpochMilli());
        insert.setString(20, packet.createdBy());
        insert.setLong(21, packet.state().updatedAt().toEpochMilli());
        bindChangeable(insert, 22, packet.state());
    }

    /** The columns a change writes, in the order {@link #bindState} binds them. */
    static final String STATE_ASSIGNMENTS = "status = ?, assigned_to = ?, updated_at = ?, resolved_at = ?, "
            + "breached_at = ?, resolution = ?, cancel_reason = ?, resume_state = ?, resume_attempts = ?, "
            + "resume_error = ?, resume_at = ?, version = ?";

    /** Binds {@link #STATE_ASSIGNMENTS} to the twelve parameters from {@code first}. */
    static void bindState(PreparedStatement update, int first, EscalationState s) throws SQLException {
        update.setString(first, WireEnum.code(s.status()));
        update.setString(first + 1, s.assignedTo());
        update.setLong(first + 2, s.updatedAt().toEpochMilli());
        bindChangeable(update, first + 3, s);
    }

    /** resolved_at … version: the nine columns that end both {@link #COLUMNS} and {@link #STATE_ASSIGNMENTS}. */
    private static void bindChangeable(PreparedStatement statement, int first, EscalationState s) throws SQLException {
        setMillis(statement, first, s.resolvedAt());
        setMillis(statement, first + 1, s.breachedAt());
        statement.setString(first + 2, resolution(s.resolution()));
        statement.setString(first + 3, s.cancelReason());
        statement.setString(first + 4, WireEnum.code(s.resume().state()));
        statement.setInt(first + 5, s.resume().attempts());
        statement.setString(first + 6, s.resume().lastError());
        setMillis(statement, first + 7, s.resume().at());
        statement.setInt(first + 8, s.version());
    }

    private static void setMillis(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, instant.toEpochMilli());
        }
    }

    static Event event(ResultSet rs) throws SQLException {
        return new Event(
                rs.getString("event_id"),
                rs.getString("tenant_id"),
                rs.getString("escalation_id"),
                EventType.parse(rs.getString("type")).orElseThrow(),
                instant(rs, "occurred_at"),
                rs.getString("actor"),
                parse(rs.getString("data")));
    }

    /** The fixed content that is not a column. */
    static String details(EscalationContent c) {
        ObjectNode json = JSON.createObjectNode()
                .put("title_ar", c.titleAr())
                .put("failed_step", c.failedStep())
                .put("risk_if_delayed", c.riskIfDelayed())
                .put("risk_if_delayed_ar", c.riskIfDelayedAr())
                .put("suggested_action", c.suggestedAction())
                .put("suggested_action_ar", c.suggestedActionAr());
        ArrayNode missing = json.putArray("missing_data");
        c.missingData().forEach(missing::add);
        ArrayNode artifacts = json.putArray("artifacts");
        c.artifacts()
                .forEach(a -> artifacts
                        .addObject()
                        .put("type", a.type())
                        .put("name", a.name())
                        .put("content", a.content())
                        .put("url", a.url()));
        ArrayNode rules = json.putArray("rule_ids");
        c.ruleIds().forEach(rules::add);
        ObjectNode i18n = json.putObject("i18n");
        c.i18n()
                .forEach((language, fields) -> i18n.putObject(language.code())
                        .put("title", fields.title())
                        .put("suggested_action", fields.suggestedAction())
                        .put("risk_if_delayed", fields.riskIfDelayed()));
        return write(json);
    }

    static String resolution(Resolution r) {
        if (r == null) {
            return null;
        }
        ObjectNode json = JSON.createObjectNode()
                .put("action_taken", r.actionTaken())
                .put("notes", r.notes())
                .put("resolved_by", r.resolvedBy());
        json.set("override_data", r.overrideData());
        return write(json);
    }

    private static Resolution resolution(JsonNode json) {
        JsonNode override = json.get("override_data");
        return new Resolution(
                text(json, "action_taken"),
                text(json, "notes"),
                override == null || override.isNull() ? null : override,
                text(json, "resolved_by"));
    }

    static String write(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String code) {
        return WireEnum.parse(type, code).orElseThrow(() -> new IllegalStateException("stored " + code));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    private static List<Artifact> artifacts(JsonNode array) {
        List<Artifact> artifacts = new ArrayList<>();
        if (array != null) {
            array.forEach(a ->
                    artifacts.add(new Artifact(text(a, "type"), text(a, "name"), text(a, "content"), text(a, "url"))));
        }
        return artifacts;
    }

    private static Map<Language, LocalizedFields> i18n(JsonNode json) {
        Map<Language, LocalizedFields> i18n = new EnumMap<>(Language.class);
        if (json != null) {
            json.properties()
                    .forEach(entry -> WireEnum.parse(Language.class, entry.getKey())
                            .ifPresent(language -> i18n.put(
                                    language,
                                    new LocalizedFields(
                                            text(entry.getValue(), "title"),
                                            text(entry.getValue(), "suggested_action"),
                                            text(entry.getValue(), "risk_if_delayed")))));
        }
        return i18n;
    }
}
