package dev.switchboard.http;

import io.javalin.http.Context;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Optimistic concurrency over HTTP: versions as ETags ({@code "3"}), {@code If-Match} checked, {@code 412} when stale. */
final class IfMatch {
    private static final Pattern VERSION = Pattern.compile("\\s*(?:W/)?\"?(\\d{1,9})\"?\\s*");

    private IfMatch() {}

    /** The version in {@code If-Match}, or null when the header is absent; {@code 400} when it is not a version. */
    static Integer version(Context ctx) {
        String header = ctx.header("If-Match");
        if (header == null) {
            return null;
        }
        Matcher matcher = VERSION.matcher(header);
        if (!matcher.matches()) {
            throw new ApiProblem(
                    400,
                    "malformed_request",
                    "Bad If-Match",
                    "If-Match must be a version as an entity tag, such as \"3\"");
        }
        return Integer.parseInt(matcher.group(1));
    }

    static String etag(int version) {
        return "\"" + version + "\"";
    }

    static ApiProblem stale(int current) {
        return new ApiProblem(
                        412,
                        "precondition_failed",
                        "Precondition failed",
                        "the version in If-Match is not the current version " + current)
                .with("current_version", Json.object().numberNode(current));
    }
}
