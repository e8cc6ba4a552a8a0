package dev.switchboard.http;

import dev.switchboard.input.Problem;
import dev.switchboard.input.WireEnum;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Query parameters read and validated like bodies: unknown ones rejected by name, each value checked, every problem
 * collected and reported together as one {@code 422}. Single use.
 */
final class Queries {
    /** RFC 3339 years have four digits. */
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private final Context ctx;
    private final List<Problem> problems = new ArrayList<>();

    Queries(Context ctx, Set<String> allowed) {
        this.ctx = ctx;
        ctx.queryParamMap().forEach((name, values) -> {
            if (!allowed.contains(name)) {
                problems.add(new Problem(name, "unknown query parameter"));
            } else if (values.size() > 1) {
                problems.add(new Problem(name, "given more than once"));
            }
        });
    }

    String string(String name, int maxLength) {
        String value = ctx.queryParam(name);
        if (value != null && (value.isEmpty() || value.length() > maxLength)) {
            problems.add(new Problem(name, "must be 1 to " + maxLength + " characters"));
            return null;
        }
        if (value != null && value.indexOf('\u0000') >= 0) {
            problems.add(new Problem(name, "must not contain NUL characters"));
            return null;
        }
        return value;
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return null;
        }
        return WireEnum.parse(type, value).orElseGet(() -> {
            problems.add(new Problem(name, "must be one of: " + WireEnum.codes(type)));
            return null;
        });
    }

    /** A comma-separated list of enum codes ({@code status=pending,in_progress}); empty when absent. */
    <E extends Enum<E>> Set<E> enumSet(String name, Class<E> type) {
        String value = ctx.queryParam(name);
        Set<E> values = new java.util.LinkedHashSet<>();
        if (value == null) {
            return values;
        }
        for (String code : value.split(",", -1)) {
            WireEnum.parse(type, code.strip())
                    .ifPresentOrElse(
                            values::add,
                            () -> problems.add(
                                    new Problem(name, "must be a comma-separated list of: " + WireEnum.codes(type))));
        }
        return values;
    }

    boolean bool(String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        problems.add(new Problem(name, "must be true or false"));
        return false;
    }

    /** Records a problem found by the caller's own check of a parameter. */
    void problem(String name, String message) {
        problems.add(new Problem(name, message));
    }

    int integer(String name, int min, int max, int defaultValue) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new Problem(name, "must be an integer from " + min + " to " + max));
        return defaultValue;
    }

    Instant instant(String name) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                problems.add(new Problem(name, "must be between years 0000 and 9999"));
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            problems.add(new Problem(name, "must be an RFC 3339 timestamp such as 2026-11-21T08:00:00Z"));
            return null;
        }
    }

    /** An opaque cursor made by {@link #encodeCursor(String)}; its content back, or null. */
    String cursor(String name) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            if (decoded.startsWith("c1:")) {
                return decoded.substring(3);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(new Problem(name, "is not a cursor this API returned"));
        return null;
    }

    /** Encodes a position as an opaque cursor. */
    static String encodeCursor(String position) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("c1:" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** Throws one {@code 422} with every problem found. */
    void check() {
        if (!problems.isEmpty()) {
            throw ApiProblem.validation(problems);
        }
    }
}
