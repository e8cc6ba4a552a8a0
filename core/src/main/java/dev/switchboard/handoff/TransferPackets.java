package dev.switchboard.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.escalation.Artifact;
import dev.switchboard.escalation.EscalationContent;
import dev.switchboard.escalation.EscalationReason;
import dev.switchboard.escalation.LocalizedFields;
import dev.switchboard.escalation.Priority;
import dev.switchboard.json.DecisionJson;
import dev.switchboard.json.JsonMappers;
import dev.switchboard.routing.DecidedBy;
import dev.switchboard.routing.Decision;
import dev.switchboard.text.Language;
import java.util.Map;

/**
 * The packet a {@code transfer} on a bot-owned session opens (SPEC §2.4): about the session, with the customer's
 * message and the decision as artifacts, titled in three languages by its reason. Thread-safe.
 */
final class TransferPackets {
    static final String ENTITY_TYPE = "session";
    /** The scenario of customers asking for a human (the default policy's {@code transfer}). */
    static final String TRANSFER_SCENARIO = "transfer";

    static final String COMPLAINT_SCENARIO = "complaint_escalation";

    private static final ObjectMapper JSON = JsonMappers.create();

    private record Texts(String en, String ar, String zh) {}

    private static final Map<EscalationReason, Texts> TITLES = Map.of(
            EscalationReason.HUMAN_REQUESTED,
            new Texts("Customer asked for a human", "العميل طلب التحدث مع موظف", "客户要求人工服务"),
            EscalationReason.CUSTOMER_COMPLAINT,
            new Texts("Customer complaint", "شكوى عميل", "客户投诉"),
            EscalationReason.HIGH_RISK_MESSAGE,
            new Texts("High-risk customer message", "رسالة عميل عالية الخطورة", "高风险客户消息"));
    private static final Texts ACTION = new Texts("Take over the conversation", "تولَّ المحادثة مع العميل", "接管与客户的对话");

    private TransferPackets() {}

    /**
     * Why the customer needs a human: they asked (the transfer scenario, or an explicit transfer by the caller's
     * intent), they complain, or the message is high-risk.
     */
    static EscalationReason reason(Decision decision) {
        if (TRANSFER_SCENARIO.equals(decision.riskScenario()) || decision.decidedBy() == DecidedBy.INTENT_MATCH) {
            return EscalationReason.HUMAN_REQUESTED;
        }
        if (COMPLAINT_SCENARIO.equals(decision.riskScenario())) {
            return EscalationReason.CUSTOMER_COMPLAINT;
        }
        return EscalationReason.HIGH_RISK_MESSAGE;
    }

    static EscalationContent content(
            String sessionId, String decisionId, Decision decision, String message, Priority priority) {
        EscalationReason reason = reason(decision);
        Texts title = TITLES.get(reason);
        return EscalationContent.builder(title.en(), ENTITY_TYPE, sessionId, reason)
                .titleAr(title.ar())
                .priority(priority)
                .session(sessionId)
                .confidence(decision.confidence())
                .suggestedAction(ACTION.en(), ACTION.ar())
                .localized(Language.ZH, new LocalizedFields(title.zh(), ACTION.zh(), null))
                .artifact(new Artifact("message", "customer_message", cut(message), null))
                .artifact(new Artifact("decision", "routing_decision", decisionText(decisionId, decision), null))
                .build();
    }

    private static String decisionText(String decisionId, Decision decision) {
        ObjectNode json = DecisionJson.write(decision);
        json.remove("trace");
        json.put("decision_id", decisionId);
        try {
            return cut(JSON.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cut(String text) {
        return text.length() <= EscalationContent.MAX_ARTIFACT_CONTENT
                ? text
                : text.substring(0, EscalationContent.MAX_ARTIFACT_CONTENT);
    }
}
