package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.input.InputNode;
import dev.switchboard.input.Problems;
import dev.switchboard.input.WireEnum;
import dev.switchboard.policy.Policies;
import dev.switchboard.tenant.ApiKey;
import dev.switchboard.tenant.IssuedKey;
import dev.switchboard.tenant.Principal;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.Tenants;
import dev.switchboard.text.Language;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Set;
import java.util.regex.Pattern;

/** Tenants and API keys over HTTP (SPEC §1, Appendix A). */
final class TenantApi {
    static final Pattern TENANT_ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    static final Pattern KEY_NAME = Pattern.compile("[\\p{L}\\p{N}._@ -]{1,100}");
    private static final Set<String> TENANT_FIELDS = Set.of("id", "name", "default_locale", "timezone");
    private static final Set<String> KEY_FIELDS = Set.of("role", "name");

    private final Tenants tenants;
    private final Bodies bodies;

    TenantApi(Tenants tenants, Bodies bodies) {
        this.tenants = tenants;
        this.bodies = bodies;
    }

    /** {@code POST /v1/tenants} (admin token). */
    void createTenant(Context ctx) {
        Problems problems = new Problems();
        InputNode body = InputNode.root(bodies.json(ctx), problems);
        if (!body.object(TENANT_FIELDS)) {
            throw ApiProblem.validation("", "the body must be a JSON object");
        }
        String id = body.get("id").string(true, 63);
        if (id != null && !TENANT_ID.matcher(id).matches()) {
            body.get("id")
                    .problem("must be lowercase letters, digits and '-', 1 to 63, not starting or ending with '-'");
        }
        String name = body.get("name").string(true, 200);
        Language locale = body.get("default_locale").enumValue(Language.class, Language.EN);
        String zoneId = body.get("timezone").string(false, 64);
        ZoneId zone = ZoneId.of("UTC");
        if (zoneId != null) {
            try {
                zone = ZoneId.of(zoneId);
            } catch (DateTimeException e) {
                body.get("timezone").problem("is not a time zone; use an IANA name such as Asia/Riyadh");
            }
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.validation(problems.list());
        }
        Tenants.Created created = tenants.createTenant(id, name, locale, zone, Policies.defaultDocument())
                .orElseThrow(() -> ApiProblem.conflict("tenant_exists", "a tenant with id " + id + " exists"));
        ObjectNode json =
                tenant(created.tenant()).put("admin_key", created.adminKey().token());
        Json.respond(ctx, 201, json);
    }

    /** {@code GET /v1/tenant}: the caller's tenant and key. */
    void currentTenant(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        Tenant tenant = tenants.find(principal.tenantId()).orElseThrow(() -> ApiProblem.notFound("tenant"));
        ObjectNode json = tenant(tenant);
        json.putObject("key")
                .put("id", principal.keyId())
                .put("name", principal.name())
                .put("role", WireEnum.code(principal.role()));
        Json.respond(ctx, 200, json);
    }

    /** {@code POST /v1/api-keys} (admin). */
    void createKey(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        Problems problems = new Problems();
        InputNode body = InputNode.root(bodies.json(ctx), problems);
        if (!body.object(KEY_FIELDS)) {
            throw ApiProblem.validation("", "the body must be a JSON object");
        }
        dev.switchboard.tenant.Role role = body.get("role").enumValue(dev.switchboard.tenant.Role.class, null);
        if (body.get("role").isMissing()) {
            body.get("role").problem("is required");
        }
        String name = body.get("name").string(true, 100);
        if (name != null && !KEY_NAME.matcher(name).matches()) {
            body.get("name").problem("may hold letters, digits, spaces and . _ @ - (1 to 100)");
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.validation(problems.list());
        }
        IssuedKey issued = tenants.createKey(principal.tenantId(), name, role);
        Json.respond(ctx, 201, key(issued.key()).put("key", issued.token()));
    }

    /** {@code GET /v1/api-keys} (admin): active keys, never their secrets. */
    void listKeys(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        ObjectNode json = Json.object();
        var items = json.putArray("items");
        tenants.keys(principal.tenantId()).forEach(key -> items.add(key(key)));
        Json.respond(ctx, 200, json);
    }

    /** {@code DELETE /v1/api-keys/{id}} (admin): the key stops working at once. */
    void revokeKey(Context ctx) {
        Principal principal = Authenticator.principal(ctx);
        switch (tenants.revoke(principal.tenantId(), ctx.pathParam("id"))) {
            case REVOKED -> ctx.status(204);
            case NOT_FOUND -> throw ApiProblem.notFound("api key");
            case LAST_ADMIN_KEY ->
                throw ApiProblem.conflict(
                        "last_admin_key", "this is the tenant's last admin key; create another admin key first");
        }
    }

    private static ObjectNode tenant(Tenant tenant) {
        return Json.object()
                .put("id", tenant.id())
                .put("name", tenant.name())
                .put("default_locale", tenant.defaultLocale().code())
                .put("timezone", tenant.timezone().getId())
                .put("created_at", Json.time(tenant.createdAt()));
    }

    private static ObjectNode key(ApiKey key) {
        return Json.object()
                .put("id", key.id())
                .put("role", WireEnum.code(key.role()))
                .put("name", key.name())
                .put("created_at", Json.time(key.createdAt()));
    }
}
