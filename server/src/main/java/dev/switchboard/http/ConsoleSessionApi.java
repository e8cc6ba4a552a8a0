package dev.switchboard.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.input.InputNode;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.input.Problems;
import dev.switchboard.input.WireEnum;
import dev.switchboard.tenant.ConsoleSession;
import dev.switchboard.tenant.ConsoleSessions;
import dev.switchboard.tenant.Principal;
import io.javalin.http.Context;
import java.util.Set;

/**
 * The console's sign-in (SPEC §7): {@code POST /v1/console/session} exchanges an operator's, supervisor's or admin's
 * API key for a session cookie ({@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} over HTTPS) and answers the
 * session's CSRF token, which the console sends with every change; {@code GET} tells a reloaded console who is signed
 * in (and the token again); {@code DELETE} signs out.
 */
final class ConsoleSessionApi {
    static final int MAX_KEY_LENGTH = 200;

    private final ConsoleSessions sessions;
    private final Bodies bodies;

    ConsoleSessionApi(ConsoleSessions sessions, Bodies bodies) {
        this.sessions = sessions;
        this.bodies = bodies;
    }

    /** {@code POST /v1/console/session}. */
    void signIn(Context ctx) {
        String key = readKey(bodies.json(ctx));
        ConsoleSessions.SignIn outcome = sessions.signIn(key);
        if (outcome.refusal() == ConsoleSessions.Refusal.UNKNOWN_KEY) {
            throw new ApiProblem(401, "unauthorized", "Unauthorized", "unknown or revoked key")
                    .header("WWW-Authenticate", "Bearer");
        }
        if (outcome.refusal() == ConsoleSessions.Refusal.NOT_A_PERSON) {
            throw new ApiProblem(
                    403, "forbidden", "Forbidden", "agent keys cannot sign in to the console; use a person's key");
        }
        ConsoleSessions.SignedIn signedIn = outcome.signedIn();
        ctx.header("Set-Cookie", cookie(ctx, signedIn.token(), ConsoleSessions.LIFETIME.toSeconds()));
        ctx.header("Cache-Control", "no-store");
        Json.respond(ctx, 201, describe(signedIn.session(), signedIn.principal()));
    }

    /** {@code GET /v1/console/session}. */
    void current(Context ctx) {
        ConsoleSession session = Authenticator.session(ctx).orElseThrow(ConsoleSessionApi::noSession);
        ctx.header("Cache-Control", "no-store");
        Json.respond(ctx, 200, describe(session, Authenticator.principal(ctx)));
    }

    /** {@code DELETE /v1/console/session}. */
    void signOut(Context ctx) {
        ConsoleSession session = Authenticator.session(ctx).orElseThrow(ConsoleSessionApi::noSession);
        sessions.signOut(session);
        ctx.header("Set-Cookie", cookie(ctx, "", 0));
        ctx.status(204);
    }

    private static ApiProblem noSession() {
        return new ApiProblem(
                404, "not_found", "Not found", "this request came without a console session (a key is not one)");
    }

    private static String readKey(JsonNode body) {
        Problems problems = new Problems();
        InputNode node = InputNode.root(body, problems);
        String key = null;
        if (node.isMissing() || !body.isObject()) {
            node.problem("must be an object with the key");
        } else {
            node.object(Set.of("key"));
            key = node.get("key").string(true, MAX_KEY_LENGTH);
        }
        try {
            problems.throwIfAny();
        } catch (InvalidInputException e) {
            throw ApiProblem.validation(e.problems());
        }
        return key;
    }

    private static ObjectNode describe(ConsoleSession session, Principal principal) {
        return Json.object()
                .put("tenant_id", principal.tenantId())
                .put("name", principal.name())
                .put("role", WireEnum.code(principal.role()))
                .put("csrf_token", session.csrfToken())
                .put("expires_at", Json.time(session.expiresAt()));
    }

    /** The session cookie: never readable by scripts, never sent with another site's requests. */
    private static String cookie(Context ctx, String value, long maxAgeSeconds) {
        boolean secure =
                "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return Authenticator.SESSION_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
