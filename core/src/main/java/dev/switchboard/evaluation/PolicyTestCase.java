package dev.switchboard.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.routing.RouteRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A policy test: a named route request and the decision fields it must produce, in the order written ({@code mode}, {@code reason_code},
 * {@code risk_scenario}, … as in the decision's JSON).
 */
public record PolicyTestCase(String name, RouteRequest input, Map<String, JsonNode> expect) {
    public PolicyTestCase {
        expect = Collections.unmodifiableMap(new LinkedHashMap<>(expect));
    }
}
