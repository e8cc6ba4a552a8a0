package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.input.WireEnum;
import dev.switchboard.json.DecisionJson;
import dev.switchboard.json.RouteRequestJson;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.session.SessionRouter;
import dev.switchboard.tenant.Principal;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.Tenants;
import io.javalin.http.Context;

/** {@code POST /v1/route} (SPEC §2.1): one message decided within its session, with the full explained decision. */
final class RouteApi {
    private final SessionRouter router;
    private final Tenants tenants;
    private final Bodies bodies;
    private final Metrics metrics;

    RouteApi(SessionRouter router, Tenants tenants, Bodies bodies, Metrics metrics) {
        this.router = router;
        this.tenants = tenants;
        this.bodies = bodies;
        this.metrics = metrics;
    }

    void route(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        Tenant tenant = tenants.find(principal.tenantId()).orElseThrow(() -> ApiProblem.notFound("tenant"));
        RouteRequest request;
        try {
            request = RouteRequestJson.read(bodies.json(ctx), tenant.defaultLocale());
        } catch (InvalidInputException e) {
            throw ApiProblem.validation(e.problems());
        }
        long started = System.nanoTime();
        SessionRouter.Routed routed = router.route(tenant.id(), request);
        metrics.decided(routed.decision(), System.nanoTime() - started);
        ObjectNode json = DecisionJson.write(routed.decision());
        if (routed.sessionId() == null) {
            json.putNull("session");
        } else {
            json.putObject("session").put("id", routed.sessionId()).put("mode", WireEnum.code(routed.sessionMode()));
        }
        json.put("escalation_id", routed.escalationId());
        json.put("decision_id", routed.decisionId());
        Json.respond(ctx, 200, json);
    }
}
