package dev.switchboard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.routing.Decision;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.routing.RoutingPolicy;

/**
 * One version of a tenant's policy, validated and compiled: keyword automaton and CEL programs built, ready to route.
 * Immutable and thread-safe; a new version is a new object, swapped in whole.
 */
public final class CompiledPolicy {
    private final int version;
    private final Policy policy;
    private final JsonNode source;
    private final RoutingPolicy routing;

    CompiledPolicy(int version, Policy policy, JsonNode source, RoutingPolicy routing) {
        this.version = version;
        this.policy = policy;
        this.source = source.deepCopy();
        this.routing = routing;
    }

    /**
     * The same policy under another version number, sharing the compiled automaton and rules: tenants whose
     * documents are equal need one compilation.
     */
    public CompiledPolicy withVersion(int newVersion) {
        return newVersion == version
                ? this
                : new CompiledPolicy(newVersion, policy, source, routing.withVersion(newVersion));
    }

    /** Decides one message (SPEC §2.2). */
    public Decision route(RouteRequest request) {
        return routing.route(request);
    }

    public int version() {
        return version;
    }

    /** The validated document. */
    public Policy policy() {
        return policy;
    }

    /** The document as submitted (a copy), e.g. to show it back. */
    public JsonNode source() {
        return source.deepCopy();
    }

    public RoutingPolicy routing() {
        return routing;
    }
}
