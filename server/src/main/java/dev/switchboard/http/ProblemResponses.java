package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.input.Problem;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become RFC 9457 problem details ({@code application/problem+json}:
 * {@code type, title, status, detail, code, errors}). Unexpected exceptions become a bare {@code 500} — logged here
 * with their stack trace, never sent.
 */
public final class ProblemResponses {
    public static final String CONTENT_TYPE = "application/problem+json; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private ProblemResponses() {}

    public static void write(Context ctx, ApiProblem problem) {
        ObjectNode body = Json.object()
                .put("type", "urn:switchboard:problem:" + problem.code())
                .put("title", problem.title())
                .put("status", problem.status())
                .put("detail", problem.getMessage())
                .put("code", problem.code());
        if (!problem.errors().isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            for (Problem error : problem.errors()) {
                errors.addObject().put("field", error.field()).put("message", error.message());
            }
        }
        problem.members().forEach(body::set);
        problem.headers().forEach(ctx::header);
        ctx.status(problem.status()).contentType(CONTENT_TYPE).result(Json.bytes(body));
    }

    /** Javalin's own HTTP errors (e.g. its request-size limit), in our format. */
    public static void write(Context ctx, HttpResponseException e) {
        write(
                ctx,
                switch (e.getStatus()) {
                    case 413 -> new ApiProblem(413, "payload_too_large", "The body is too large", e.getMessage());
                    case 404 -> ApiProblem.notFound("route");
                    case 405 -> methodNotAllowed(ctx);
                    default -> new ApiProblem(e.getStatus(), "http_" + e.getStatus(), "Request failed", e.getMessage());
                });
    }

    /** Connection failures (SQL state class 08, admin shutdown 57P) and SQLite's busy timeout, anywhere in the causes. */
    static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                if (sql.getMessage() != null && sql.getMessage().contains("SQLITE_BUSY")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    static ApiProblem methodNotAllowed(Context ctx) {
        return new ApiProblem(
                405, "method_not_allowed", "Method not allowed", ctx.method() + " is not allowed on " + ctx.path());
    }

    /**
     * A failure nobody expected. When the database could not be reached (or was too busy), that is a {@code 503}
     * the caller may retry; anything else is a bug: logged with its stack trace, the caller sees an incident id.
     */
    public static void writeUnexpected(Context ctx, Exception e) {
        if (isDatabaseUnavailable(e)) {
            LOG.warn("database unavailable on {} {}: {}", ctx.method(), ctx.path(), e.toString());
            write(
                    ctx,
                    new ApiProblem(
                                    503,
                                    "database_unavailable",
                                    "Service unavailable",
                                    "the database cannot be reached right now; retry shortly")
                            .header("Retry-After", "1"));
            return;
        }
        String incident = java.util.UUID.randomUUID().toString();
        LOG.error("internal error {} on {} {}", incident, ctx.method(), ctx.path(), e);
        write(
                ctx,
                new ApiProblem(
                        500,
                        "internal_error",
                        "Internal error",
                        "an unexpected error occurred (incident " + incident + ")"));
    }
}
