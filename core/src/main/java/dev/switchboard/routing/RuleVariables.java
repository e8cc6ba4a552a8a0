package dev.switchboard.routing;

import dev.switchboard.input.WireEnum;
import dev.switchboard.text.Language;
import java.util.HashMap;
import java.util.Map;

/** The CEL activation of routing rules (see {@code RuleEnvironment.ROUTING}), built from a request. */
final class RuleVariables {
    private RuleVariables() {}

    static Map<String, Object> of(RouteRequest request, Language locale) {
        Map<String, Object> session = new HashMap<>();
        if (request.sessionId() != null) {
            session.put("id", request.sessionId());
        }
        session.put("mode", WireEnum.code(request.effectiveSessionMode()));
        return Map.of(
                "message", request.message(),
                "locale", locale.code(),
                "context", request.context(),
                "session", session,
                "intent_match", intentMatch(request.intentMatch()),
                "intent_hint", intentHint(request.intentHint()),
                "high_risk_check", highRiskCheck(request.highRiskCheck()),
                "feature_flags",
                        Map.of(
                                "agent_enabled", request.featureFlags().agentEnabled(),
                                "rollback_to_legacy", request.featureFlags().rollbackToLegacy()));
    }

    private static Map<String, Object> intentMatch(IntentMatch match) {
        Map<String, Object> map = new HashMap<>();
        if (match != null) {
            putIfPresent(map, "intent_id", match.intentId());
            putIfPresent(map, "intent_name", match.intentName());
            putIfPresent(map, "confidence", match.confidence());
            map.put("response_type", WireEnum.code(match.responseType()));
            putIfPresent(map, "flow_id", match.flowId());
            putIfPresent(map, "fixed_reply", match.fixedReply());
            putIfPresent(map, "transfer_message", match.transferMessage());
            map.put("target_kb_ids", match.targetKbIds());
        }
        return map;
    }

    private static Map<String, Object> intentHint(IntentHint hint) {
        Map<String, Object> map = new HashMap<>();
        if (hint != null) {
            putIfPresent(map, "intent", hint.intent());
            putIfPresent(map, "confidence", hint.confidence());
            putIfPresent(
                    map, "suggested_mode", hint.suggestedMode() == null ? null : WireEnum.code(hint.suggestedMode()));
            map.put("high_risk_detected", hint.highRiskDetected());
            putIfPresent(map, "fallback_reason_code", hint.fallbackReasonCode());
            putIfPresent(map, "target_flow_id", hint.targetFlowId());
        }
        return map;
    }

    private static Map<String, Object> highRiskCheck(HighRiskCheck check) {
        Map<String, Object> map = new HashMap<>();
        if (check != null) {
            map.put("matched", check.matched());
            putIfPresent(map, "risk_scenario", check.riskScenario());
            putIfPresent(map, "rule_id", check.ruleId());
            putIfPresent(
                    map,
                    "recommended_mode",
                    check.recommendedMode() == null ? null : WireEnum.code(check.recommendedMode()));
        }
        return map;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
