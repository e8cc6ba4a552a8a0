package dev.switchboard.http;

import dev.switchboard.ids.Secrets;
import dev.switchboard.tenant.Principal;
import dev.switchboard.tenant.Tenants;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every matched request against its route's {@link Access} before the handler runs: the admin token for
 * instance routes, a tenant key of a sufficient role (and within its rate limit) for tenant routes. Thread-safe.
 */
public final class Authenticator {
    private static final String PRINCIPAL = "switchboard.principal";

    private final Tenants tenants;
    private final byte[] adminTokenHash;
    private final RateLimiter rateLimiter;

    /** {@code adminToken} may be null: then no request can create tenants. */
    public Authenticator(Tenants tenants, String adminToken, RateLimiter rateLimiter) {
        this.tenants = tenants;
        this.adminTokenHash = adminToken == null || adminToken.isBlank() ? null : Secrets.sha256(adminToken);
        this.rateLimiter = rateLimiter;
    }

    /** The principal of a tenant route's request (set by {@link #check}). */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("no principal: route is not a tenant route");
        }
        return principal;
    }

    public void check(Context ctx) {
        Set<io.javalin.security.RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty() || roles.contains(Access.PUBLIC)) {
            return;
        }
        String token = bearer(ctx).orElseThrow(() -> unauthorized("send Authorization: Bearer <key>"));
        if (roles.contains(Access.INSTANCE_ADMIN)) {
            if (adminTokenHash == null || !Secrets.constantTimeEquals(adminTokenHash, Secrets.sha256(token))) {
                throw unauthorized("this route needs the instance admin token (SWITCHBOARD_ADMIN_TOKEN)");
            }
            return;
        }
        Principal principal = tenants.authenticate(token).orElseThrow(() -> unauthorized("unknown or revoked key"));
        boolean allowed = roles.stream()
                .map(role -> ((Access) role).role())
                .anyMatch(required -> required != null && principal.role().grants(required));
        if (!allowed) {
            throw new ApiProblem(
                    403,
                    "forbidden",
                    "Forbidden",
                    "a key of role " + dev.switchboard.input.WireEnum.code(principal.role()) + " may not call "
                            + ctx.method() + " " + ctx.path());
        }
        long wait = rateLimiter.take(principal.keyId());
        if (wait > 0) {
            throw new ApiProblem(429, "rate_limited", "Too many requests", "this key's rate limit is exhausted")
                    .header("Retry-After", String.valueOf(wait));
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "unauthorized", "Unauthorized", detail).header("WWW-Authenticate", "Bearer");
    }
}
