package dev.switchboard.http;

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
        Json.respond(ctx, 200, out -> {
            out.writeStartObject();
            DecisionJson.writeFields(out, routed.decision());
            if (routed.sessionId() == null) {
                out.writeNullField("session");
            } else {
                out.writeObjectFieldStart("session");
                out.writeStringField("id", routed.sessionId());
                out.writeStringField("mode", WireEnum.code(routed.sessionMode()));
                out.writeEndObject();
            }
            out.writeStringField("escalation_id", routed.escalationId());
            out.writeStringField("decision_id", routed.decisionId());
            out.writeEndObject();
        });
    }
}
