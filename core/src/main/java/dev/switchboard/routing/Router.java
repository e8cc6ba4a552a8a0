package dev.switchboard.routing;

import dev.switchboard.input.WireEnum;
import dev.switchboard.rules.Condition;
import dev.switchboard.text.Language;
import dev.switchboard.text.ScriptDetector;
import java.util.Map;

/**
 * The decision order of SPEC §2.2, top to bottom; the first step that decides wins, and every step evaluated is
 * traced. Stateless and thread-safe.
 */
final class Router {
    private Router() {}

    static Decision route(RoutingPolicy policy, RouteRequest request) {
        Language locale = locale(request);
        Draft draft = new Draft(policy, request, locale);
        double threshold = policy.lowConfidenceThreshold();
        IntentMatch intent = request.intentMatch();
        IntentHint hint = request.intentHint();
        HighRiskCheck check = request.highRiskCheck();

        // 1. Kill switch: back to the legacy path, whatever else is going on.
        if (draft.step("rollback_flag", request.featureFlags().rollbackToLegacy())) {
            return draft.fixed(DecidedBy.ROLLBACK_FLAG, "rollback_to_legacy", null);
        }
        // 2. A human owns the conversation: no bot flow may run underneath them.
        if (draft.step("session_mode", request.effectiveSessionMode() == SessionMode.HUMAN_ACTIVE)) {
            return draft.transfer(DecidedBy.SESSION_MODE, "session_human_active", null);
        }
        // 3. A structured high-risk result from an upstream checker.
        if (draft.step("high_risk_check", check, check != null && check.matched())) {
            String reason =
                    check.ruleId() != null ? check.ruleId() : "high_risk_" + orElse(check.riskScenario(), "check");
            draft.highRisk(check.riskScenario());
            return check.recommendedMode() == Mode.TRANSFER
                    ? draft.transfer(DecidedBy.HIGH_RISK_CHECK, reason, check.riskScenario())
                    : draft.flow(DecidedBy.HIGH_RISK_CHECK, reason, null);
        }
        // 4. The intent hint saw high risk.
        if (draft.step("intent_hint_high_risk", hint, hint != null && hint.highRiskDetected())) {
            String reason = orElse(hint.fallbackReasonCode(), "high_risk_hint");
            draft.highRisk(null);
            if (hint.suggestedMode() == Mode.TRANSFER) {
                return draft.transfer(DecidedBy.INTENT_HINT, reason, null);
            }
            if ((intent == null || intent.flowId() == null) && hint.targetFlowId() != null) {
                draft.intent(hint.intent(), hint.confidence());
            }
            return draft.flow(DecidedBy.INTENT_HINT, reason, hint.targetFlowId());
        }
        // 5. Policy rules that run before keywords.
        Decision ruled = applyRules(policy, Stage.BEFORE_KEYWORDS, draft);
        if (ruled != null) {
            return ruled;
        }
        // 6. Keywords of the risk scenarios, first scenario in policy order wins.
        ScenarioMatcher.Found found = policy.matcher().find(request.message());
        if (draft.step(
                "keywords",
                found.first() != null,
                found.first() == null ? null : found.first().id())) {
            Scenario scenario = found.first();
            draft.highRisk(scenario.id()).matches(found.matches());
            String reason = found.reasonCode();
            return scenario.mode() == Mode.TRANSFER
                    ? draft.transfer(DecidedBy.HIGH_RISK_KEYWORD, reason, scenario.id())
                    : draft.flow(DecidedBy.HIGH_RISK_KEYWORD, reason, null);
        }
        // 7. Policy rules that run after keywords.
        ruled = applyRules(policy, Stage.AFTER_KEYWORDS, draft);
        if (ruled != null) {
            return ruled;
        }
        // 8. A low-confidence hint that suggests a fixed reply or a flow.
        boolean lowHint = hint != null
                && isLow(hint.confidence(), threshold)
                && (hint.suggestedMode() == Mode.FIXED || hint.suggestedMode() == Mode.MICRO_FLOW);
        if (draft.step("low_confidence_hint", hint, lowHint)) {
            draft.intent(hint.intent(), hint.confidence());
            String reason = orElse(hint.fallbackReasonCode(), "low_confidence_hint");
            return hint.suggestedMode() == Mode.FIXED
                    ? draft.fixed(DecidedBy.LOW_CONFIDENCE_HINT, reason, null)
                    : draft.flowTo(DecidedBy.LOW_CONFIDENCE_HINT, reason, hint.targetFlowId());
        }
        // 9. The matched intent: low confidence falls back, else its response type decides.
        if (intent != null) {
            Decision byIntent = byIntent(intent, threshold, draft);
            if (byIntent != null) {
                return byIntent;
            }
        } else {
            draft.absent("intent_match");
        }
        // 10. The agent is switched off.
        if (draft.step("agent_enabled", !request.featureFlags().agentEnabled())) {
            return draft.fixed(DecidedBy.AGENT_DISABLED, "agent_disabled", null);
        }
        // 11. Nothing stands in the way: the agent answers.
        draft.step("default", true);
        if (intent != null) {
            draft.intent(intent.intentName(), intent.confidence());
        }
        return draft.decide(Mode.AGENT, DecidedBy.DEFAULT, null);
    }

    private static Decision byIntent(IntentMatch intent, double threshold, Draft draft) {
        draft.intent(intent.intentName(), intent.confidence());
        if (isLow(intent.confidence(), threshold)) {
            draft.step("intent_match", true, "confidence " + intent.confidence() + " < " + threshold);
            if (intent.flowId() != null) {
                return draft.flowTo(DecidedBy.INTENT_MATCH, "low_confidence", intent.flowId());
            }
            if (intent.fixedReply() != null) {
                return draft.fixed(DecidedBy.INTENT_MATCH, "low_confidence", intent.fixedReply());
            }
            return draft.fixed(DecidedBy.INTENT_MATCH, "low_confidence_no_flow", null);
        }
        ResponseType type = intent.responseType();
        if (!draft.step("intent_match", type != ResponseType.AGENT, "response_type " + WireEnum.code(type))) {
            draft.intent(null, null);
            return null;
        }
        return switch (type) {
            case FIXED -> draft.fixed(DecidedBy.INTENT_MATCH, "intent_fixed", intent.fixedReply());
            case TRANSFER ->
                intent.transferMessage() != null
                        ? draft.transferWith(DecidedBy.INTENT_MATCH, "intent_transfer", intent.transferMessage())
                        : draft.transfer(DecidedBy.INTENT_MATCH, "intent_transfer", null);
            case FLOW -> draft.flowTo(DecidedBy.INTENT_MATCH, "intent_flow", intent.flowId());
            case AGENT -> throw new IllegalStateException("handled above");
        };
    }

    private static Decision applyRules(RoutingPolicy policy, Stage stage, Draft draft) {
        Map<String, Object> variables = null;
        for (RoutingPolicy.CompiledRule compiled : policy.rules(stage)) {
            if (variables == null) {
                variables = RuleVariables.of(draft.request, draft.locale);
            }
            RoutingRule rule = compiled.rule();
            Condition.Evaluation evaluation = compiled.condition().evaluate(variables);
            if (draft.rule(rule.id(), evaluation)) {
                return byRule(rule, draft);
            }
        }
        return null;
    }

    private static Decision byRule(RoutingRule rule, Draft draft) {
        String reason = rule.reasonCode();
        String text = rule.message() == null
                ? null
                : rule.message().best(draft.locale).orElse(null);
        return switch (rule.mode()) {
            case TRANSFER ->
                text != null
                        ? draft.transferWith(DecidedBy.POLICY_RULE, reason, text)
                        : draft.transfer(DecidedBy.POLICY_RULE, reason, null);
            case FIXED -> draft.fixed(DecidedBy.POLICY_RULE, reason, text);
            case MICRO_FLOW -> draft.flowTo(DecidedBy.POLICY_RULE, reason, rule.flowId());
            case AGENT -> draft.decide(Mode.AGENT, DecidedBy.POLICY_RULE, reason);
        };
    }

    private static Language locale(RouteRequest request) {
        if (request.locale() != null) {
            return request.locale();
        }
        return ScriptDetector.detect(request.message()).orElse(request.defaultLocale());
    }

    /** Strictly below the threshold; an unknown confidence is not low. */
    private static boolean isLow(Double confidence, double threshold) {
        return confidence != null && confidence < threshold;
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
