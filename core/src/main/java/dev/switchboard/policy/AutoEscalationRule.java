package dev.switchboard.policy;

import dev.switchboard.escalation.EscalationReason;
import dev.switchboard.escalation.Priority;
import dev.switchboard.rules.Condition;
import dev.switchboard.sla.SlaTarget;
import dev.switchboard.text.LocalizedText;

/**
 * An auto-escalation rule (SPEC §3.4): when its CEL condition holds over a caller's context, a packet of this
 * priority, reason and target role is opened, titled with the rule's name and carrying its suggested action and risk
 * (per locale; either may be null), due per {@code sla} when set, else per the policy's target for its priority.
 * Immutable.
 */
public record AutoEscalationRule(
        String id,
        String when,
        Condition condition,
        Priority priority,
        String targetRole,
        EscalationReason reason,
        LocalizedText name,
        LocalizedText suggestedAction,
        LocalizedText riskIfDelayed,
        SlaTarget sla) {}
