package dev.switchboard.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.json.WebhookJson;
import dev.switchboard.tenant.Principal;
import dev.switchboard.webhook.Delivery;
import dev.switchboard.webhook.DeliveryState;
import dev.switchboard.webhook.RefusedTarget;
import dev.switchboard.webhook.Webhook;
import dev.switchboard.webhook.Webhooks;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * The webhook endpoints (SPEC §4, Appendix A), for tenant admins: subscriptions by name (the secret is shown in the
 * answer that creates one, never again), their deliveries newest first, and a manual retry of one delivery.
 */
final class WebhookApi {
    static final Set<String> DELIVERY_PARAMETERS = Set.of("state", "limit", "cursor");
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final Webhooks webhooks;
    private final Bodies bodies;

    WebhookApi(Webhooks webhooks, Bodies bodies) {
        this.webhooks = webhooks;
        this.bodies = bodies;
    }

    /** {@code PUT /v1/webhooks/{name}}: creates (with a new secret, shown this once) or replaces. */
    void put(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        String name = name(ctx);
        JsonNode body = bodies.json(ctx);
        WebhookJson.Subscription subscription;
        try {
            subscription = WebhookJson.readPut(body);
        } catch (InvalidInputException e) {
            throw ApiProblem.validation(e.problems());
        }
        Webhooks.Saved saved;
        try {
            saved = webhooks.put(
                    principal.tenantId(), name, subscription.url(), subscription.events(), subscription.workflows());
        } catch (RefusedTarget e) {
            throw ApiProblem.validation("url", e.getMessage());
        }
        Json.respond(ctx, 200, WebhookJson.write(saved.webhook(), saved.created()));
    }

    /** {@code GET /v1/webhooks}. */
    void list(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("items");
        webhooks.list(principal.tenantId()).forEach(webhook -> items.add(WebhookJson.write(webhook, false)));
        Json.respond(ctx, 200, json);
    }

    /** {@code GET /v1/webhooks/{name}}. */
    void get(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        Webhook webhook = webhooks.find(principal.tenantId(), name(ctx)).orElseThrow(WebhookApi::unknown);
        Json.respond(ctx, 200, WebhookJson.write(webhook, false));
    }

    /** {@code DELETE /v1/webhooks/{name}}: the subscription and its deliveries. */
    void delete(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        if (!webhooks.delete(principal.tenantId(), name(ctx))) {
            throw unknown();
        }
        ctx.status(204);
    }

    /** {@code GET /v1/webhooks/{name}/deliveries?state=&limit=&cursor=}: newest first. */
    void deliveries(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        String name = name(ctx);
        Queries q = new Queries(ctx, DELIVERY_PARAMETERS);
        DeliveryState state = q.enumValue("state", DeliveryState.class);
        int limit = q.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        String cursor = q.cursor("cursor");
        Long before = null;
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                q.problem("cursor", "is not a cursor this API returned");
            }
        }
        q.check();
        List<Delivery> page = webhooks.deliveries(principal.tenantId(), name, state, before, limit + 1);
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("items");
        page.stream().limit(limit).forEach(delivery -> items.add(WebhookJson.write(delivery)));
        json.put(
                "next_cursor",
                page.size() > limit
                        ? Queries.encodeCursor(Long.toString(page.get(limit - 1).seq()))
                        : null);
        Json.respond(ctx, 200, json);
    }

    /** {@code POST /v1/webhooks/{name}/deliveries/{id}/retry}: due now, for another full retry period. */
    void retry(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        String name = name(ctx);
        JsonNode body = bodies.optionalJson(ctx);
        if (body != null && !(body.isObject() && body.isEmpty())) {
            throw ApiProblem.validation("body", "must be empty or {}");
        }
        Delivery delivery = webhooks.retry(principal.tenantId(), name, ctx.pathParam("id"));
        Json.respond(ctx, 202, WebhookJson.write(delivery));
    }

    /** The subscription name in the path; one that could not have been created is unknown, like a missing one. */
    private static String name(Context ctx) {
        String name = ctx.pathParam("name");
        if (ctx.method().name().equals("PUT") && !WebhookJson.NAME.matcher(name).matches()) {
            throw ApiProblem.validation(
                    "name", "must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit");
        }
        if (!WebhookJson.NAME.matcher(name).matches()) {
            throw unknown();
        }
        return name;
    }

    private static ApiProblem unknown() {
        return ApiProblem.notFound("webhook");
    }
}
