package dev.switchboard.http;

import dev.switchboard.ids.Secrets;
import dev.switchboard.tenant.ConsoleSession;
import dev.switchboard.tenant.ConsoleSessions;
import dev.switchboard.tenant.Principal;
import dev.switchboard.tenant.Role;
import dev.switchboard.tenant.Tenants;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every matched request against its route's {@link Access} before the handler runs: the admin token for
 * instance routes; for tenant routes a key of a sufficient role (and within its rate limit), sent as a bearer token
 * or signed in as a console session cookie (whose changes must carry its CSRF token). Thread-safe.
 */
public final class Authenticator {
    private static final String PRINCIPAL = "switchboard.principal";
    private static final String SESSION = "switchboard.session";
    /** The cookie that holds a console session's token. */
    public static final String SESSION_COOKIE = "sb_session";
    /** The header that carries a console session's CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final Tenants tenants;
    private final byte[] adminTokenHash;
    private final RateLimiter rateLimiter;
    private final ConsoleSessions sessions;

    /** {@code adminToken} may be null: then no request can create tenants. */
    public Authenticator(Tenants tenants, ConsoleSessions sessions, String adminToken, RateLimiter rateLimiter) {
        this.tenants = tenants;
        this.sessions = sessions;
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
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty() || roles.contains(Access.PUBLIC) || roles.contains(Access.SIGN_IN)) {
            return;
        }
        Optional<String> token = bearer(ctx);
        if (roles.contains(Access.INSTANCE_ADMIN)) {
            if (token.isEmpty()
                    || adminTokenHash == null
                    || !Secrets.constantTimeEquals(adminTokenHash, Secrets.sha256(token.get()))) {
                throw unauthorized("this route needs the instance admin token (SWITCHBOARD_ADMIN_TOKEN)");
            }
            return;
        }
        Principal principal;
        if (token.isPresent()) {
            principal = tenants.authenticate(token.get()).orElseThrow(() -> unauthorized("unknown or revoked key"));
        } else if (ctx.cookie(SESSION_COOKIE) instanceof String cookie) {
            ConsoleSessions.Active active = sessions.find(cookie)
                    .orElseThrow(() -> unauthorized("the console session has ended: sign in again"));
            checkCsrf(ctx, active.session());
            principal = active.principal();
            ctx.attribute(SESSION, active.session());
        } else {
            throw unauthorized("send Authorization: Bearer <key>");
        }
        boolean allowed = false;
        for (RouteRole role : roles) {
            Role required = ((Access) role).role();
            allowed |= required != null && principal.role().grants(required);
        }
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

    /**
     * A request of a console session that changes something must carry the session's CSRF token in {@link
     * #CSRF_HEADER}: a page of another site can make the browser send the cookie, but cannot read the token.
     */
    private static void checkCsrf(Context ctx, ConsoleSession session) {
        String method = ctx.method().name();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return;
        }
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null
                || !Secrets.constantTimeEquals(
                        sent.getBytes(StandardCharsets.UTF_8),
                        session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiProblem(
                    403,
                    "csrf_failed",
                    "Forbidden",
                    "a console request that changes something needs the session's " + CSRF_HEADER + " header");
        }
    }

    /** The console session a request came with, if it came with one (set by {@link #check}). */
    public static Optional<ConsoleSession> session(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION));
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
