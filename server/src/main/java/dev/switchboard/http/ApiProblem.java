package dev.switchboard.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.input.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request that fails in an expected way: an HTTP status with a stable machine-readable {@code code}, rendered as
 * RFC 9457 problem details in exactly one place ({@link ProblemResponses}). Unchecked, so handlers can throw it from
 * anywhere; immutable apart from the builder-style {@link #with} and {@link #header} used where it is made.
 */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final String title;
    private final transient List<Problem> errors;
    private final transient Map<String, JsonNode> members = new LinkedHashMap<>();
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    public ApiProblem(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of());
    }

    private ApiProblem(int status, String code, String title, String detail, List<Problem> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    /** 422: well-formed but invalid, with every field error. */
    public static ApiProblem validation(List<Problem> errors) {
        String detail = errors.size() == 1 ? errors.getFirst().toString() : errors.size() + " problems; see errors";
        return new ApiProblem(422, "validation_failed", "The request is invalid", detail, errors);
    }

    public static ApiProblem validation(String field, String message) {
        return validation(List.of(new Problem(field, message)));
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, "not_found", "Not found", what + " not found");
    }

    public static ApiProblem conflict(String code, String detail) {
        return new ApiProblem(409, code, "Conflict", detail);
    }

    /** Adds an extension member to the problem document (e.g. the current state of the object in conflict). */
    public ApiProblem with(String name, JsonNode value) {
        members.put(name, value);
        return this;
    }

    /** Adds a response header (e.g. {@code Retry-After}). */
    public ApiProblem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<Problem> errors() {
        return errors;
    }

    Map<String, JsonNode> members() {
        return members;
    }

    Map<String, String> headers() {
        return headers;
    }
}
