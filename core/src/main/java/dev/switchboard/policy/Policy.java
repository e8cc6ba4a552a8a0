package dev.switchboard.policy;

import dev.switchboard.routing.RoutingRule;
import dev.switchboard.routing.Scenario;
import dev.switchboard.sla.SlaSettings;
import dev.switchboard.text.LocalizedText;
import java.util.List;
import java.util.Map;

/**
 * A tenant's policy document (SPEC §2.5) as read and validated, before compilation. Immutable; see
 * {@link PolicyDocument} to read one and {@link CompiledPolicy} to use one.
 */
public record Policy(
        double lowConfidenceThreshold,
        List<Scenario> scenarios,
        List<RoutingRule> rules,
        Map<String, LocalizedText> messages,
        TransferSettings transfer,
        DecisionLogSettings decisionLog,
        SlaSettings sla,
        List<AutoEscalationRule> autoEscalationRules) {
    public Policy {
        autoEscalationRules = List.copyOf(autoEscalationRules);
        scenarios = List.copyOf(scenarios);
        rules = List.copyOf(rules);
        messages = Map.copyOf(messages);
    }
}
