package dev.switchboard.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.escalation.Artifact;
import dev.switchboard.escalation.AutoContext;
import dev.switchboard.escalation.EscalationContent;
import dev.switchboard.escalation.LocalizedFields;
import dev.switchboard.json.JsonMappers;
import dev.switchboard.policy.AutoEscalationRule;
import dev.switchboard.rules.CelValues;
import dev.switchboard.text.Language;
import dev.switchboard.text.LocalizedText;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Auto-escalation (SPEC §3.4): evaluates every rule over a context and writes the packet for the top match — the
 * highest priority, ties going to the earlier rule. Thread-safe.
 */
final class AutoRules {
    private static final ObjectMapper JSON = JsonMappers.create();
    private static final char SEPARATOR = '\u001f';

    private AutoRules() {}

    /** The rules whose condition holds, in policy order; the context's keys are bare identifiers. */
    static List<AutoEscalationRule> matching(List<AutoEscalationRule> rules, AutoContext context) {
        Map<String, Object> object = CelValues.objectFromJson(context.context());
        Map<String, Object> variables = new HashMap<>(object);
        variables.put("context", object);
        return rules.stream()
                .filter(rule -> rule.condition().evaluate(variables).matched())
                .toList();
    }

    /** The rule that decides the packet: highest priority, then policy order (the sort is stable). */
    static AutoEscalationRule top(List<AutoEscalationRule> matched) {
        return matched.stream()
                .min(Comparator.comparingInt(rule -> rule.priority().ordinal()))
                .orElseThrow();
    }

    /** One open packet per tenant, entity and top rule. */
    static String dedupKey(AutoContext context, AutoEscalationRule top) {
        return context.entityType() + SEPARATOR + context.entityId() + SEPARATOR + top.id();
    }

    static EscalationContent content(AutoContext context, AutoEscalationRule top, List<AutoEscalationRule> matched) {
        LocalizedText name = orEmpty(top.name());
        LocalizedText action = orEmpty(top.suggestedAction());
        LocalizedText risk = orEmpty(top.riskIfDelayed());
        EscalationContent.Builder packet = EscalationContent.builder(
                        name.in(Language.EN).orElse("Auto-escalation: " + top.id()),
                        context.entityType(),
                        context.entityId(),
                        top.reason())
                .titleAr(name.in(Language.AR).orElse(null))
                .workflow(context.workflowName(), context.currentStep())
                .priority(top.priority())
                .targetRole(top.targetRole())
                .suggestedAction(
                        action.in(Language.EN).orElse(null),
                        action.in(Language.AR).orElse(null))
                .riskIfDelayed(
                        risk.in(Language.EN).orElse(null), risk.in(Language.AR).orElse(null))
                .confidence(context.confidence())
                .ruleIds(matched.stream().map(AutoEscalationRule::id).toList())
                .dedupKey(dedupKey(context, top))
                .artifact(new Artifact("context", "auto_context", contextText(context), null));
        if (name.in(Language.ZH).isPresent()
                || action.in(Language.ZH).isPresent()
                || risk.in(Language.ZH).isPresent()) {
            packet.localized(
                    Language.ZH,
                    new LocalizedFields(
                            name.in(Language.ZH).orElse(null),
                            action.in(Language.ZH).orElse(null),
                            risk.in(Language.ZH).orElse(null)));
        }
        return packet.build();
    }

    private static LocalizedText orEmpty(LocalizedText text) {
        return text == null ? new LocalizedText(Map.of()) : text;
    }

    /** The context as JSON, cut to an artifact's bound. */
    private static String contextText(AutoContext context) {
        try {
            String text = JSON.writeValueAsString(context.context());
            return text.length() <= EscalationContent.MAX_ARTIFACT_CONTENT
                    ? text
                    : text.substring(0, EscalationContent.MAX_ARTIFACT_CONTENT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
