package dev.switchboard.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.input.WireEnum;
import dev.switchboard.routing.Decision;
import dev.switchboard.routing.KeywordMatch;
import dev.switchboard.routing.TraceStep;

/** The wire form of a decision (SPEC §2.1), without the fields only a server adds (session, ids). */
public final class DecisionJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DecisionJson() {}

    public static ObjectNode write(Decision decision) {
        ObjectNode json = NODES.objectNode();
        json.put("mode", WireEnum.code(decision.mode()));
        json.put("decided_by", WireEnum.code(decision.decidedBy()));
        json.put("reason_code", decision.reasonCode());
        json.put("high_risk_triggered", decision.highRiskTriggered());
        json.put("risk_scenario", decision.riskScenario());
        ArrayNode matches = json.putArray("matches");
        decision.matches().forEach(match -> matches.add(match(match)));
        json.put("intent", decision.intent());
        json.put("confidence", decision.confidence());
        json.put("target_flow_id", decision.targetFlowId());
        json.put("fixed_reply", decision.fixedReply());
        json.put("transfer_message", decision.transferMessage());
        json.put("locale", decision.locale().code());
        json.put("policy_version", decision.policyVersion());
        ArrayNode trace = json.putArray("trace");
        for (TraceStep step : decision.trace()) {
            ObjectNode node = trace.addObject().put("step", step.step()).put("result", step.result());
            if (step.detail() != null) {
                node.put("detail", step.detail());
            }
        }
        return json;
    }

    /** A keyword match: {@code {scenario, keyword, start, end}}. */
    public static ObjectNode match(KeywordMatch match) {
        return NODES.objectNode()
                .put("scenario", match.scenario())
                .put("keyword", match.keyword())
                .put("start", match.start())
                .put("end", match.end());
    }
}
