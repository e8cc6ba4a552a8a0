package dev.switchboard.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.input.InputNode;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.input.Problems;
import dev.switchboard.routing.FeatureFlags;
import dev.switchboard.routing.HighRiskCheck;
import dev.switchboard.routing.IntentHint;
import dev.switchboard.routing.IntentMatch;
import dev.switchboard.routing.Mode;
import dev.switchboard.routing.ResponseType;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.routing.SessionMode;
import dev.switchboard.rules.CelValues;
import dev.switchboard.text.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wire form of a route request (SPEC §2.1) read and validated: unknown fields rejected by name, lengths, ranges
 * (confidence 0..1) and enums checked, every problem reported with its field path. Thread-safe.
 */
public final class RouteRequestJson {
    public static final int MAX_MESSAGE_LENGTH = 32_000;
    public static final int MAX_ID_LENGTH = 200;
    public static final int MAX_TEXT_LENGTH = 4_000;
    public static final int MAX_CONTEXT_DEPTH = 32;

    private static final Set<String> FIELDS = Set.of(
            "message",
            "session_id",
            "session_mode",
            "locale",
            "feature_flags",
            "intent_match",
            "intent_hint",
            "high_risk_check",
            "context");
    private static final Set<String> FLAG_FIELDS = Set.of("agent_enabled", "rollback_to_legacy");
    private static final Set<String> INTENT_FIELDS = Set.of(
            "intent_id",
            "intent_name",
            "confidence",
            "response_type",
            "flow_id",
            "fixed_reply",
            "transfer_message",
            "target_kb_ids");
    private static final Set<String> HINT_FIELDS = Set.of(
            "intent", "confidence", "suggested_mode", "high_risk_detected", "fallback_reason_code", "target_flow_id");
    private static final Set<String> CHECK_FIELDS = Set.of("matched", "risk_scenario", "rule_id", "recommended_mode");

    private RouteRequestJson() {}

    /** Reads a request; {@code defaultLocale} is the tenant's language. */
    public static RouteRequest read(JsonNode json, Language defaultLocale) throws InvalidInputException {
        Problems problems = new Problems();
        RouteRequest request = read(InputNode.root(json, problems), defaultLocale);
        problems.throwIfAny();
        return request;
    }

    /** Reads a request at any node of a larger document (e.g. a test case's {@code input}); problems are recorded. */
    public static RouteRequest read(InputNode node, Language defaultLocale) {
        if (node.isMissing() || !node.json().isObject()) {
            node.problem("must be an object with at least a message");
            return null;
        }
        node.object(FIELDS);
        String message = node.get("message").string(true, MAX_MESSAGE_LENGTH);
        if (message != null && message.isEmpty()) {
            node.get("message").problem("must not be empty");
        }
        String sessionId = node.get("session_id").string(false, MAX_ID_LENGTH);
        if (sessionId != null && sessionId.isBlank()) {
            node.get("session_id").problem("must not be blank");
            sessionId = null;
        }
        SessionMode sessionMode = node.get("session_mode").enumValue(SessionMode.class, null);
        Language locale = node.get("locale").enumValue(Language.class, null);
        FeatureFlags flags = featureFlags(node.get("feature_flags"));
        IntentMatch intentMatch = intentMatch(node.get("intent_match"));
        IntentHint intentHint = intentHint(node.get("intent_hint"));
        HighRiskCheck check = highRiskCheck(node.get("high_risk_check"));
        Map<String, Object> context = context(node.get("context"));
        if (message == null) {
            return null;
        }
        return new RouteRequest(
                message, sessionId, sessionMode, locale, defaultLocale, flags, intentMatch, intentHint, check, context);
    }

    private static FeatureFlags featureFlags(InputNode node) {
        if (!node.object(FLAG_FIELDS)) {
            return FeatureFlags.DEFAULT;
        }
        return new FeatureFlags(
                node.get("agent_enabled").bool(true),
                node.get("rollback_to_legacy").bool(false));
    }

    private static IntentMatch intentMatch(InputNode node) {
        if (!node.object(INTENT_FIELDS)) {
            return null;
        }
        List<String> kbIds = new ArrayList<>();
        for (InputNode id : node.get("target_kb_ids").list(100)) {
            String value = id.string(true, MAX_ID_LENGTH);
            if (value != null) {
                kbIds.add(value);
            }
        }
        return new IntentMatch(
                node.get("intent_id").string(false, MAX_ID_LENGTH),
                node.get("intent_name").string(false, MAX_ID_LENGTH),
                node.get("confidence").number(0, 1, null),
                node.get("response_type").enumValue(ResponseType.class, ResponseType.AGENT),
                node.get("flow_id").string(false, MAX_ID_LENGTH),
                node.get("fixed_reply").string(false, MAX_TEXT_LENGTH),
                node.get("transfer_message").string(false, MAX_TEXT_LENGTH),
                kbIds);
    }

    private static IntentHint intentHint(InputNode node) {
        if (!node.object(HINT_FIELDS)) {
            return null;
        }
        return new IntentHint(
                node.get("intent").string(false, MAX_ID_LENGTH),
                node.get("confidence").number(0, 1, null),
                node.get("suggested_mode").enumValue(Mode.class, null),
                node.get("high_risk_detected").bool(false),
                node.get("fallback_reason_code").string(false, MAX_ID_LENGTH),
                node.get("target_flow_id").string(false, MAX_ID_LENGTH));
    }

    private static HighRiskCheck highRiskCheck(InputNode node) {
        if (!node.object(CHECK_FIELDS)) {
            return null;
        }
        Mode recommended = recommendedMode(node.get("recommended_mode"));
        Boolean matched = node.get("matched").bool(null);
        if (matched == null && node.get("matched").isMissing()) {
            node.get("matched").problem("is required");
        }
        return new HighRiskCheck(
                Boolean.TRUE.equals(matched),
                node.get("risk_scenario").string(false, MAX_ID_LENGTH),
                node.get("rule_id").string(false, MAX_ID_LENGTH),
                recommended);
    }

    /** {@code micro_flow} or {@code transfer} (any case); the other modes make no sense for a risk check. */
    private static Mode recommendedMode(InputNode node) {
        if (node.isMissing()) {
            return null;
        }
        Mode mode = node.json().isTextual()
                ? dev.switchboard.input.WireEnum.parse(Mode.class, node.json().textValue())
                        .orElse(null)
                : null;
        if (mode != Mode.MICRO_FLOW && mode != Mode.TRANSFER) {
            node.problem("must be one of: micro_flow, transfer");
            return null;
        }
        return mode;
    }

    private static Map<String, Object> context(InputNode node) {
        if (node.isMissing()) {
            return Map.of();
        }
        if (!node.json().isObject()) {
            node.problem("must be an object");
            return Map.of();
        }
        if (depth(node.json()) > MAX_CONTEXT_DEPTH) {
            node.problem("must not nest deeper than " + MAX_CONTEXT_DEPTH + " levels");
            return Map.of();
        }
        return CelValues.objectFromJson(node.json());
    }

    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
            if (deepest > MAX_CONTEXT_DEPTH) {
                break;
            }
        }
        return 1 + deepest;
    }
}
