package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.decisionlog.DecisionLogStore;
import dev.switchboard.decisionlog.DecisionQuery;
import dev.switchboard.decisionlog.DecisionRecord;
import dev.switchboard.input.WireEnum;
import dev.switchboard.json.DecisionJson;
import dev.switchboard.routing.Mode;
import dev.switchboard.tenant.Principal;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@code GET /v1/decisions}: the decision log, newest first, filtered, with an opaque keyset cursor. */
final class DecisionApi {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final Set<String> PARAMETERS =
            Set.of("mode", "reason_code", "risk_scenario", "session_id", "since", "until", "limit", "cursor");

    private final DecisionLogStore decisions;

    DecisionApi(DecisionLogStore decisions) {
        this.decisions = decisions;
    }

    void list(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        Queries q = new Queries(ctx, PARAMETERS);
        Mode mode = q.enumValue("mode", Mode.class);
        String reason = q.string("reason_code", 200);
        String scenario = q.string("risk_scenario", 200);
        String session = q.string("session_id", 200);
        Instant since = q.instant("since");
        Instant until = q.instant("until");
        int limit = q.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        String cursor = q.cursor("cursor");
        q.check();
        List<DecisionRecord> page = decisions.query(new DecisionQuery(
                principal.tenantId(), mode, reason, scenario, session, since, until, cursor, limit + 1));
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("items");
        page.stream().limit(limit).forEach(record -> items.add(item(record)));
        if (page.size() > limit) {
            json.put("next_cursor", Queries.encodeCursor(page.get(limit - 1).decisionId()));
        } else {
            json.putNull("next_cursor");
        }
        Json.respond(ctx, 200, json);
    }

    private static ObjectNode item(DecisionRecord record) {
        ObjectNode json = Json.object()
                .put("decision_id", record.decisionId())
                .put("decided_at", Json.time(record.decidedAt()))
                .put("session_id", record.sessionId())
                .put("mode", WireEnum.code(record.mode()))
                .put("decided_by", WireEnum.code(record.decidedBy()))
                .put("reason_code", record.reasonCode())
                .put("risk_scenario", record.riskScenario());
        ArrayNode matches = json.putArray("matches");
        record.matches().forEach(m -> matches.add(DecisionJson.match(m)));
        return json.put("policy_version", record.policyVersion())
                .put("locale", record.locale().code())
                .put("message_hash", record.messageHash())
                .put("message_text", record.messageText());
    }
}
