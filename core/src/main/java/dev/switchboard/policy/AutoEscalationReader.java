package dev.switchboard.policy;

import dev.switchboard.escalation.EscalationReason;
import dev.switchboard.escalation.Priority;
import dev.switchboard.input.InputNode;
import dev.switchboard.rules.Condition;
import dev.switchboard.rules.ConditionException;
import dev.switchboard.rules.RuleEnvironment;
import dev.switchboard.sla.SlaTarget;
import dev.switchboard.text.LocalizedText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads a policy's {@code auto_escalation_rules}, recording every problem with its path. Not thread-safe. */
final class AutoEscalationReader {
    static final int MAX_RULES = 200;
    static final int MAX_ROLE_LENGTH = 100;
    private static final Set<String> FIELDS = Set.of(
            "id", "when", "priority", "target_role", "reason", "name", "suggested_action", "risk_if_delayed", "sla");

    private AutoEscalationReader() {}

    static List<AutoEscalationRule> read(InputNode list) {
        List<AutoEscalationRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (InputNode node : list.list(MAX_RULES)) {
            if (!node.object(FIELDS)) {
                node.problem("must be an object with id, when, priority, target_role and reason");
                continue;
            }
            String id = PolicyReader.id(node.get("id"), ids);
            String when = node.get("when").string(true, PolicyReader.MAX_EXPRESSION_LENGTH);
            Priority priority = required(node.get("priority"), Priority.class);
            String targetRole = node.get("target_role").string(true, MAX_ROLE_LENGTH);
            EscalationReason reason = required(node.get("reason"), EscalationReason.class);
            LocalizedText name = PolicyReader.localized(node.get("name"));
            LocalizedText action = PolicyReader.localized(node.get("suggested_action"));
            LocalizedText risk = PolicyReader.localized(node.get("risk_if_delayed"));
            SlaTarget sla = node.get("sla").isMissing() ? null : SlaReader.target(node.get("sla"));
            Condition condition = when == null ? null : condition(node.get("when"), id, when);
            if (id != null && condition != null && priority != null && targetRole != null && reason != null) {
                rules.add(new AutoEscalationRule(
                        id, when, condition, priority, targetRole, reason, name, action, risk, sla));
            }
        }
        return rules;
    }

    private static <E extends Enum<E>> E required(InputNode node, Class<E> type) {
        if (node.isMissing()) {
            node.problem("is required");
            return null;
        }
        return node.enumValue(type, null);
    }

    private static Condition condition(InputNode node, String id, String when) {
        try {
            return Condition.compile(when, RuleEnvironment.CONTEXT);
        } catch (ConditionException e) {
            String rule = id == null ? "rule" : "rule " + id;
            e.issues().forEach(issue -> node.problem(rule + ": " + issue));
            return null;
        }
    }
}
