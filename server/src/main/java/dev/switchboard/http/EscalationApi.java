package dev.switchboard.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.escalation.Actor;
import dev.switchboard.escalation.AutoContext;
import dev.switchboard.escalation.Command;
import dev.switchboard.escalation.Escalation;
import dev.switchboard.escalation.EscalationContent;
import dev.switchboard.escalation.EscalationPage;
import dev.switchboard.escalation.EscalationQuery;
import dev.switchboard.escalation.EscalationStats;
import dev.switchboard.escalation.EscalationStatus;
import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.Priority;
import dev.switchboard.escalation.QueueCursor;
import dev.switchboard.escalation.UnknownEscalation;
import dev.switchboard.handoff.AutoOutcome;
import dev.switchboard.handoff.Created;
import dev.switchboard.handoff.Escalations;
import dev.switchboard.handoff.Idempotency;
import dev.switchboard.handoff.UnknownResumeToken;
import dev.switchboard.ids.Secrets;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.json.EscalationJson;
import dev.switchboard.tenant.Principal;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The escalation endpoints (SPEC §3, Appendix A): create (with {@code Idempotency-Key}), the queue, read, assign,
 * unassign, resolve, cancel (with {@code If-Match}), events, long-poll wait, auto-escalation, expire-overdue, resume
 * (push and pull) and statistics. Lifecycle failures become problems in {@link Api}'s one mapping.
 */
final class EscalationApi {
    static final Set<String> LIST_PARAMETERS = Set.of(
            "status",
            "priority",
            "assigned_to",
            "target_role",
            "entity_type",
            "entity_id",
            "overdue",
            "limit",
            "cursor");
    static final Set<String> WAIT_PARAMETERS = Set.of("timeout_s");
    static final Set<String> STATS_PARAMETERS = Set.of("since");
    static final int DEFAULT_WAIT_SECONDS = 30;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final Escalations escalations;
    private final Bodies bodies;
    private final Clock clock;

    EscalationApi(Escalations escalations, Bodies bodies, Clock clock) {
        this.escalations = escalations;
        this.bodies = bodies;
        this.clock = clock;
    }

    /** {@code POST /v1/escalations}: opens a packet; the answer carries its resume token, this once. */
    void create(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        Idempotency idempotency = idempotency(ctx);
        JsonNode body = bodies.json(ctx);
        EscalationContent content = valid(() -> EscalationJson.readCreate(body, clock.instant()));
        Idempotency keyed = idempotency == null ? null : new Idempotency(idempotency.key(), fingerprint(body));
        Created created = escalations.create(principal.tenantId(), content, actor(principal), keyed);
        ctx.header("Location", "/v1/escalations/" + created.escalation().id());
        if (created.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        } else {
            ctx.header("ETag", IfMatch.etag(created.escalation().version()));
        }
        Responses.send(ctx, 201, Json.CONTENT_TYPE, created.body().getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Idempotency-Key} header, checked; null when absent. */
    private static Idempotency idempotency(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key == null) {
            return null;
        }
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ApiProblem.validation("Idempotency-Key", "must be 1 to 255 visible ASCII characters, e.g. a UUID");
        }
        return new Idempotency(key, "");
    }

    /** The body's canonical form hashed: retries that format the same JSON differently still match. */
    private static String fingerprint(JsonNode body) {
        return Secrets.sha256Hex(new String(Json.bytes(body), StandardCharsets.UTF_8));
    }

    /** {@code GET /v1/escalations}: the queue, critical first, then oldest, with a keyset cursor. */
    void list(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        Queries q = new Queries(ctx, LIST_PARAMETERS);
        Set<EscalationStatus> statuses = q.enumSet("status", EscalationStatus.class);
        Set<Priority> priorities = q.enumSet("priority", Priority.class);
        String assignedTo = q.string("assigned_to", EscalationJson.MAX_NAME);
        String targetRole = q.string("target_role", EscalationJson.MAX_NAME);
        String entityType = q.string("entity_type", EscalationJson.MAX_NAME);
        String entityId = q.string("entity_id", EscalationJson.MAX_NAME);
        boolean overdue = q.bool("overdue");
        int limit = q.integer("limit", 1, EscalationQuery.MAX_LIMIT, EscalationQuery.DEFAULT_LIMIT);
        String cursorText = q.string("cursor", 200);
        QueueCursor cursor = null;
        if (cursorText != null) {
            cursor = QueueCursor.decode(cursorText).orElse(null);
            if (cursor == null) {
                q.problem("cursor", "is not a cursor this API returned");
            }
        }
        q.check();
        EscalationPage page = escalations.list(
                principal.tenantId(),
                new EscalationQuery(
                        statuses,
                        priorities,
                        assignedTo,
                        targetRole,
                        entityType,
                        entityId,
                        overdue ? clock.instant() : null,
                        limit,
                        cursor));
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("items");
        page.items().forEach(packet -> items.add(EscalationJson.write(packet)));
        json.put("next_cursor", page.next() == null ? null : page.next().encode());
        Json.respond(ctx, 200, json);
    }

    /** {@code GET /v1/escalations/{id}}. */
    void get(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        respond(ctx, 200, escalations.get(principal.tenantId(), id(ctx)));
    }

    /** {@code POST /v1/escalations/{id}/assign}: claim (no assignee) or assign; {@code force} to take it over. */
    void assign(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        String id = id(ctx);
        Integer expected = IfMatch.version(ctx);
        JsonNode body = bodies.optionalJson(ctx);
        Command.Assign command = valid(() -> EscalationJson.readAssign(body));
        respond(ctx, 200, escalations.apply(principal.tenantId(), id, command, actor(principal), expected));
    }

    /** {@code POST /v1/escalations/{id}/unassign}. */
    void unassign(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        String id = id(ctx);
        Integer expected = IfMatch.version(ctx);
        JsonNode body = bodies.optionalJson(ctx);
        valid(() -> {
            EscalationJson.readEmpty(body);
            return null;
        });
        respond(
                ctx,
                200,
                escalations.apply(principal.tenantId(), id, new Command.Unassign(), actor(principal), expected));
    }

    /** {@code POST /v1/escalations/{id}/resolve}. */
    void resolve(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        String id = id(ctx);
        Integer expected = IfMatch.version(ctx);
        JsonNode body = bodies.json(ctx);
        Command.Resolve command = valid(() -> EscalationJson.readResolve(body));
        respond(ctx, 200, escalations.apply(principal.tenantId(), id, command, actor(principal), expected));
    }

    /** {@code POST /v1/escalations/{id}/cancel}. */
    void cancel(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        String id = id(ctx);
        Integer expected = IfMatch.version(ctx);
        JsonNode body = bodies.optionalJson(ctx);
        Command.Cancel command = valid(() -> EscalationJson.readCancel(body));
        respond(ctx, 200, escalations.apply(principal.tenantId(), id, command, actor(principal), expected));
    }

    /** {@code POST /v1/escalations/{id}/resume}: push the decision to the workflow's handler ({@code 202}). */
    void resume(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        String id = id(ctx);
        JsonNode body = bodies.optionalJson(ctx);
        valid(() -> {
            EscalationJson.readEmpty(body);
            return null;
        });
        Escalation packet = escalations.requestResume(principal.tenantId(), id, actor(principal));
        ObjectNode json = Json.object().put("escalation_id", packet.id());
        json.set("resume", EscalationJson.resume(packet.state().resume()));
        Json.respond(ctx, 202, json);
    }

    /** {@code GET /v1/escalations/{id}/events}: the audit trail, oldest first. */
    void events(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("items");
        for (Event event : escalations.events(principal.tenantId(), id(ctx))) {
            items.add(EscalationJson.write(event));
        }
        Json.respond(ctx, 200, json);
    }

    /** {@code GET /v1/escalations/{id}/wait?timeout_s=}: long-poll until decided, expired or cancelled. */
    void await(Context ctx) throws InterruptedException {
        Principal principal = Authenticator.principal(ctx);
        String id = id(ctx);
        Queries q = new Queries(ctx, WAIT_PARAMETERS);
        int seconds = q.integer("timeout_s", 0, (int) Escalations.MAX_WAIT.toSeconds(), DEFAULT_WAIT_SECONDS);
        q.check();
        respond(ctx, 200, escalations.await(principal.tenantId(), id, Duration.ofSeconds(seconds)));
    }

    /** {@code POST /v1/escalations/auto}: evaluate the auto-escalation rules over a context. */
    void auto(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        JsonNode body = bodies.json(ctx);
        AutoContext context = valid(() -> EscalationJson.readAuto(body));
        AutoOutcome outcome = escalations.auto(principal.tenantId(), context, actor(principal));
        ObjectNode json = Json.object();
        Escalation packet = outcome.escalation();
        if (packet == null) {
            json.putNull("escalation");
        } else {
            json.set(
                    "escalation",
                    outcome.created() ? EscalationJson.writeCreated(packet) : EscalationJson.write(packet));
        }
        ArrayNode matched = json.putArray("matched_rules");
        outcome.matchedRules().forEach(matched::add);
        json.put("deduplicated", outcome.deduplicated());
        Json.respond(ctx, outcome.created() ? 201 : 200, json);
    }

    /** {@code POST /v1/escalations/expire-overdue}: the SLA sweep for this tenant, now. */
    void expireOverdue(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        JsonNode body = bodies.optionalJson(ctx);
        valid(() -> {
            EscalationJson.readEmpty(body);
            return null;
        });
        Json.respond(ctx, 200, Json.object().put("expired", escalations.expireOverdue(principal.tenantId())));
    }

    /** {@code POST /v1/resume/{token}}: pull resume, exactly once. */
    void consume(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        String token = ctx.pathParam("token");
        if (!TOKEN.matcher(token).matches()) {
            throw new UnknownResumeToken();
        }
        JsonNode body = bodies.optionalJson(ctx);
        valid(() -> {
            EscalationJson.readEmpty(body);
            return null;
        });
        Escalation packet = escalations.consume(principal.tenantId(), token);
        ObjectNode json = Json.object()
                .put("escalation_id", packet.id())
                .put("status", dev.switchboard.input.WireEnum.code(packet.status()));
        json.set("resolution", EscalationJson.resolution(packet.state().resolution()));
        Json.respond(ctx, 200, json);
    }

    /** {@code GET /v1/stats?since=}: queue statistics computed by the database. */
    void stats(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        Queries q = new Queries(ctx, STATS_PARAMETERS);
        Instant since = q.instant("since");
        q.check();
        EscalationStats stats = escalations.stats(principal.tenantId(), since == null ? Instant.EPOCH : since);
        ObjectNode json = Json.object().put("total", stats.total());
        counts(json.putObject("by_priority"), stats.byPriority());
        counts(json.putObject("by_status"), stats.byStatus());
        counts(json.putObject("by_reason"), stats.byReason());
        counts(json.putObject("by_target_role"), stats.byTargetRole());
        counts(json.putObject("by_rule"), stats.byRule());
        json.put("avg_resolution_minutes", stats.avgResolutionMinutes())
                .put("p50_resolution_minutes", stats.p50ResolutionMinutes())
                .put("p90_resolution_minutes", stats.p90ResolutionMinutes())
                .put("oldest_pending_hours", stats.oldestPendingHours())
                .put("overdue_count", stats.overdueCount())
                .put("sla_met_ratio", stats.slaMetRatio());
        var histogram = json.putArray("resolution_histogram");
        stats.resolutionHistogram()
                .forEach(bucket -> histogram
                        .addObject()
                        .put("up_to_minutes", bucket.upToMinutes())
                        .put("count", bucket.count()));
        Json.respond(ctx, 200, json);
    }

    private static void counts(ObjectNode json, java.util.Map<String, Long> counts) {
        new java.util.TreeMap<>(counts).forEach(json::put);
    }

    private static void respond(Context ctx, int status, Escalation packet) {
        ctx.header("ETag", IfMatch.etag(packet.version()));
        Json.respond(ctx, status, EscalationJson.write(packet));
    }

    /** The path's escalation id; anything that is not a UUID is unknown, like another tenant's id. */
    private static String id(Context ctx) {
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches()) {
            throw new UnknownEscalation(id.length() > 64 ? id.substring(0, 64) : id);
        }
        return id;
    }

    private static Actor actor(Principal principal) {
        return new Actor(principal.name(), principal.role());
    }

    /** Reads a body part, turning invalid input into one {@code 422} with every problem. */
    private static <T> T valid(Reader<T> reader) {
        try {
            return reader.read();
        } catch (InvalidInputException e) {
            throw ApiProblem.validation(e.problems());
        }
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read() throws InvalidInputException;
    }
}
