package dev.switchboard.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.escalation.Artifact;
import dev.switchboard.escalation.AutoContext;
import dev.switchboard.escalation.Command;
import dev.switchboard.escalation.Escalation;
import dev.switchboard.escalation.EscalationContent;
import dev.switchboard.escalation.EscalationReason;
import dev.switchboard.escalation.EscalationState;
import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.LocalizedFields;
import dev.switchboard.escalation.Priority;
import dev.switchboard.escalation.Resolution;
import dev.switchboard.escalation.ResumeStatus;
import dev.switchboard.input.InputNode;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.input.Problems;
import dev.switchboard.input.WireEnum;
import dev.switchboard.text.Language;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wire form of escalations (SPEC §3, Appendix A): create, assign, resolve and cancel bodies read and validated
 * (unknown fields by name, lengths, enums, confidence 0..1, bounded artifacts; every problem with its path), and
 * packets and events written. A packet is written without its resume token except in the answer to its creator.
 * Thread-safe.
 */
public final class EscalationJson {
    public static final int MAX_TITLE = 500;
    public static final int MAX_NAME = 200;
    public static final int MAX_TEXT = 4_000;
    public static final int MAX_MISSING_DATA = 50;
    public static final int MAX_URL = 2_000;
    /** How far ahead a caller may set {@code due_at}. */
    public static final Duration MAX_DUE_IN = Duration.ofDays(366);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> CREATE_FIELDS = Set.of(
            "title",
            "title_ar",
            "entity_type",
            "entity_id",
            "workflow_name",
            "failed_step",
            "reason",
            "missing_data",
            "priority",
            "due_at",
            "risk_if_delayed",
            "risk_if_delayed_ar",
            "artifacts",
            "suggested_action",
            "suggested_action_ar",
            "confidence",
            "target_role",
            "session_id",
            "i18n");
    private static final Set<String> ARTIFACT_FIELDS = Set.of("type", "name", "content", "url");
    private static final Set<String> LOCALIZED_FIELDS = Set.of("title", "suggested_action", "risk_if_delayed");
    private static final Set<String> LANGUAGES = Set.of("en", "ar", "zh");
    private static final Set<String> ASSIGN_FIELDS = Set.of("assignee", "force");
    private static final Set<String> RESOLVE_FIELDS =
            Set.of("action_taken", "notes", "override_data", "resume_workflow");
    private static final Set<String> CANCEL_FIELDS = Set.of("reason");
    private static final Set<String> AUTO_FIELDS = Set.of("context");

    private EscalationJson() {}

    /** A create body; {@code now} bounds {@code due_at} (future, at most {@link #MAX_DUE_IN} ahead). */
    public static EscalationContent readCreate(JsonNode json, Instant now) throws InvalidInputException {
        Problems problems = new Problems();
        InputNode node = InputNode.root(json, problems);
        if (node.isMissing() || !json.isObject()) {
            node.problem("must be an object with title, entity_type, entity_id and reason");
            problems.throwIfAny();
        }
        node.object(CREATE_FIELDS);
        String title = node.get("title").string(true, MAX_TITLE);
        String entityType = node.get("entity_type").string(true, MAX_NAME);
        String entityId = node.get("entity_id").string(true, MAX_NAME);
        EscalationReason reason = node.get("reason").enumValue(EscalationReason.class, null);
        if (node.get("reason").isMissing()) {
            node.get("reason").problem("is required");
        }
        List<String> missingData = new ArrayList<>();
        for (InputNode item : node.get("missing_data").list(MAX_MISSING_DATA)) {
            String field = item.string(true, MAX_NAME);
            if (field != null) {
                missingData.add(field);
            }
        }
        Priority priority = node.get("priority").enumValue(Priority.class, Priority.MEDIUM);
        Instant dueAt = dueAt(node.get("due_at"), now);
        List<Artifact> artifacts = artifacts(node.get("artifacts"));
        Map<Language, LocalizedFields> i18n = i18n(node.get("i18n"));
        EscalationContent.Builder builder = title == null || entityType == null || entityId == null || reason == null
                ? null
                : EscalationContent.builder(title, entityType, entityId, reason);
        String titleAr = node.get("title_ar").string(false, MAX_TITLE);
        String workflow = optionalName(node.get("workflow_name"));
        String failedStep = optionalName(node.get("failed_step"));
        String risk = node.get("risk_if_delayed").string(false, MAX_TEXT);
        String riskAr = node.get("risk_if_delayed_ar").string(false, MAX_TEXT);
        String action = node.get("suggested_action").string(false, MAX_TEXT);
        String actionAr = node.get("suggested_action_ar").string(false, MAX_TEXT);
        Double confidence = node.get("confidence").number(0, 1, null);
        String targetRole = optionalName(node.get("target_role"));
        String sessionId = optionalName(node.get("session_id"));
        problems.throwIfAny();
        builder.titleAr(titleAr)
                .workflow(workflow, failedStep)
                .missingData(missingData)
                .priority(priority)
                .dueAt(dueAt)
                .riskIfDelayed(risk, riskAr)
                .suggestedAction(action, actionAr)
                .confidence(confidence)
                .targetRole(targetRole)
                .session(sessionId);
        artifacts.forEach(builder::artifact);
        i18n.forEach(builder::localized);
        return builder.build();
    }

    /** An assign body: {@code {assignee?, force?}}; no assignee means oneself. */
    public static Command.Assign readAssign(JsonNode json) throws InvalidInputException {
        Problems problems = new Problems();
        InputNode node = body(json, problems);
        node.object(ASSIGN_FIELDS);
        String assignee = node.get("assignee").string(false, MAX_NAME);
        if (assignee != null && assignee.isBlank()) {
            node.get("assignee").problem("must not be blank");
        }
        boolean force = node.get("force").bool(false);
        problems.throwIfAny();
        return new Command.Assign(assignee, force);
    }

    /** A resolve body: {@code {action_taken, notes?, override_data?, resume_workflow?}}. */
    public static Command.Resolve readResolve(JsonNode json) throws InvalidInputException {
        Problems problems = new Problems();
        InputNode node = body(json, problems);
        node.object(RESOLVE_FIELDS);
        String action = node.get("action_taken").string(true, MAX_NAME);
        String notes = node.get("notes").string(false, MAX_TEXT);
        InputNode override = node.get("override_data");
        JsonNode overrideData = NODES.objectNode();
        if (!override.isMissing()) {
            if (override.json().isObject()) {
                overrideData = override.json();
            } else {
                override.problem("must be an object");
            }
        }
        boolean resume = node.get("resume_workflow").bool(false);
        problems.throwIfAny();
        return new Command.Resolve(action, notes, overrideData, resume);
    }

    /** A cancel body: {@code {reason?}}. */
    public static Command.Cancel readCancel(JsonNode json) throws InvalidInputException {
        Problems problems = new Problems();
        InputNode node = body(json, problems);
        node.object(CANCEL_FIELDS);
        String reason = node.get("reason").string(false, MAX_TEXT);
        problems.throwIfAny();
        return new Command.Cancel(reason);
    }

    /** A body that must be empty or {@code {}} (unassign, resume). */
    public static void readEmpty(JsonNode json) throws InvalidInputException {
        Problems problems = new Problems();
        body(json, problems).object(Set.of());
        problems.throwIfAny();
    }

    /**
     * An auto-escalation body: {@code {context: {...}}}, whose {@code entity_type} and {@code entity_id} (strings) are
     * required, as they identify the packet for de-duplication.
     */
    public static AutoContext readAuto(JsonNode json) throws InvalidInputException {
        Problems problems = new Problems();
        InputNode node = body(json, problems);
        node.object(AUTO_FIELDS);
        InputNode context = node.get("context");
        if (context.isMissing()) {
            context.problem("is required");
            problems.throwIfAny();
        }
        if (!context.json().isObject()) {
            context.problem("must be an object");
            problems.throwIfAny();
        }
        if (depth(context.json()) > RouteRequestJson.MAX_CONTEXT_DEPTH) {
            context.problem("must not nest deeper than " + RouteRequestJson.MAX_CONTEXT_DEPTH + " levels");
        }
        String entityType = context.get("entity_type").string(true, MAX_NAME);
        String entityId = context.get("entity_id").string(true, MAX_NAME);
        String workflow = optionalName(context.get("workflow_name"));
        String step = optionalName(context.get("current_step"));
        Double confidence = context.get("confidence").number(0, 1, null);
        problems.throwIfAny();
        return new AutoContext(context.json(), entityType, entityId, workflow, step, confidence);
    }

    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
            if (deepest > RouteRequestJson.MAX_CONTEXT_DEPTH) {
                break;
            }
        }
        return 1 + deepest;
    }

    /** A missing body reads as {@code {}}; anything but an object is a problem. */
    private static InputNode body(JsonNode json, Problems problems) {
        InputNode node = InputNode.root(json == null ? NODES.objectNode() : json, problems);
        if (!node.isMissing() && !node.json().isObject()) {
            node.problem("must be an object");
        }
        return node;
    }

    private static Instant dueAt(InputNode node, Instant now) {
        String text = node.string(false, 64);
        if (text == null) {
            return null;
        }
        try {
            Instant at = OffsetDateTime.parse(text).toInstant();
            if (!at.isAfter(now)) {
                node.problem("must be in the future");
                return null;
            }
            if (at.isAfter(now.plus(MAX_DUE_IN))) {
                node.problem("must be at most " + MAX_DUE_IN.toDays() + " days ahead");
                return null;
            }
            return at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            node.problem("must be an RFC 3339 timestamp with offset, e.g. 2026-11-21T16:00:00Z");
            return null;
        }
    }

    private static List<Artifact> artifacts(InputNode list) {
        List<Artifact> artifacts = new ArrayList<>();
        for (InputNode node : list.list(EscalationContent.MAX_ARTIFACTS)) {
            if (!node.object(ARTIFACT_FIELDS)) {
                node.problem("must be an object with type, name, content or url");
                continue;
            }
            String type = node.get("type").string(false, 50);
            String name = node.get("name").string(false, MAX_NAME);
            String content = node.get("content").string(false, EscalationContent.MAX_ARTIFACT_CONTENT);
            String url = node.get("url").string(false, MAX_URL);
            if (url != null && !(url.startsWith("https://") || url.startsWith("http://"))) {
                node.get("url").problem("must be an http or https URL");
            }
            artifacts.add(new Artifact(type == null ? "text" : type, name == null ? "" : name, content, url));
        }
        return artifacts;
    }

    private static Map<Language, LocalizedFields> i18n(InputNode node) {
        Map<Language, LocalizedFields> i18n = new EnumMap<>(Language.class);
        if (!node.object(LANGUAGES)) {
            return i18n;
        }
        for (Language language : Language.values()) {
            InputNode fields = node.get(language.code());
            if (fields.object(LOCALIZED_FIELDS)) {
                i18n.put(
                        language,
                        new LocalizedFields(
                                fields.get("title").string(false, MAX_TITLE),
                                fields.get("suggested_action").string(false, MAX_TEXT),
                                fields.get("risk_if_delayed").string(false, MAX_TEXT)));
            }
        }
        return i18n;
    }

    private static String optionalName(InputNode node) {
        String value = node.string(false, MAX_NAME);
        if (value != null && value.isBlank()) {
            node.problem("must not be blank");
            return null;
        }
        return value;
    }

    /** A packet as the API shows it: every field but the resume token. */
    public static ObjectNode write(Escalation packet) {
        EscalationContent c = packet.content();
        EscalationState s = packet.state();
        ObjectNode json = NODES.objectNode();
        json.put("id", packet.id());
        json.put("tenant_id", packet.tenantId());
        json.put("title", c.title());
        json.put("title_ar", c.titleAr());
        json.put("entity_type", c.entityType());
        json.put("entity_id", c.entityId());
        json.put("workflow_name", c.workflowName());
        json.put("failed_step", c.failedStep());
        json.put("reason", WireEnum.code(c.reason()));
        ArrayNode missing = json.putArray("missing_data");
        c.missingData().forEach(missing::add);
        json.put("priority", WireEnum.code(c.priority()));
        json.put("status", WireEnum.code(s.status()));
        json.put("due_at", time(c.dueAt()));
        json.put("risk_if_delayed", c.riskIfDelayed());
        json.put("risk_if_delayed_ar", c.riskIfDelayedAr());
        ArrayNode artifacts = json.putArray("artifacts");
        c.artifacts()
                .forEach(a -> artifacts
                        .addObject()
                        .put("type", a.type())
                        .put("name", a.name())
                        .put("content", a.content())
                        .put("url", a.url()));
        json.put("suggested_action", c.suggestedAction());
        json.put("suggested_action_ar", c.suggestedActionAr());
        json.put("confidence", c.confidence());
        json.put("target_role", c.targetRole());
        json.put("session_id", c.sessionId());
        ArrayNode rules = json.putArray("rule_ids");
        c.ruleIds().forEach(rules::add);
        ObjectNode i18n = json.putObject("i18n");
        c.i18n()
                .forEach((language, fields) -> i18n.putObject(language.code())
                        .put("title", fields.title())
                        .put("suggested_action", fields.suggestedAction())
                        .put("risk_if_delayed", fields.riskIfDelayed()));
        json.put("assigned_to", s.assignedTo());
        json.put("created_at", time(packet.createdAt()));
        json.put("created_by", packet.createdBy());
        json.put("updated_at", time(s.updatedAt()));
        json.put("resolved_at", time(s.resolvedAt()));
        json.put("breached_at", time(s.breachedAt()));
        Resolution resolution = s.resolution();
        if (resolution == null) {
            json.putNull("resolution_data");
            json.putNull("resolution_notes");
        } else {
            json.set("resolution_data", resolutionData(resolution));
            json.put("resolution_notes", resolution.notes());
        }
        json.put("cancel_reason", s.cancelReason());
        json.set("resume", resume(s.resume()));
        json.put("version", s.version());
        return json;
    }

    /** The answer to a create: the packet with its resume token, which its creator sees once. */
    public static ObjectNode writeCreated(Escalation packet) {
        return write(packet).put("resume_token", packet.resumeToken());
    }

    /** {@code {action_taken, override_data, resolved_by}}, the seed's {@code resolution_data}. */
    public static ObjectNode resolutionData(Resolution resolution) {
        ObjectNode data = NODES.objectNode().put("action_taken", resolution.actionTaken());
        data.set("override_data", resolution.overrideData() == null ? NODES.objectNode() : resolution.overrideData());
        data.put("resolved_by", resolution.resolvedBy());
        return data;
    }

    /** The decision as the workflow gets it: {@code {action_taken, notes, override_data, resolved_by}}. */
    public static ObjectNode resolution(Resolution resolution) {
        ObjectNode data =
                NODES.objectNode().put("action_taken", resolution.actionTaken()).put("notes", resolution.notes());
        data.set("override_data", resolution.overrideData() == null ? NODES.objectNode() : resolution.overrideData());
        data.put("resolved_by", resolution.resolvedBy());
        return data;
    }

    public static ObjectNode resume(ResumeStatus resume) {
        return NODES.objectNode()
                .put("state", WireEnum.code(resume.state()))
                .put("attempts", resume.attempts())
                .put("last_error", resume.lastError())
                .put("at", time(resume.at()));
    }

    /** An audit-trail entry: {@code {id, type, tenant_id, escalation_id, occurred_at, actor, data}}. */
    public static ObjectNode write(Event event) {
        ObjectNode json = NODES.objectNode()
                .put("id", event.id())
                .put("type", event.type().code())
                .put("tenant_id", event.tenantId())
                .put("escalation_id", event.escalationId())
                .put("occurred_at", time(event.occurredAt()))
                .put("actor", event.actor());
        json.set("data", event.data());
        return json;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
