package dev.switchboard.handoff;

import dev.switchboard.escalation.Escalation;
import java.util.List;

/**
 * The result of an auto-escalation check: the ids of every matched rule (policy order), and the packet opened for
 * the top one — {@code created} when this check opened it, {@code deduplicated} when an open one for the same entity
 * and top rule was returned instead, null when nothing matched.
 */
public record AutoOutcome(Escalation escalation, List<String> matchedRules, boolean created, boolean deduplicated) {
    public AutoOutcome {
        matchedRules = List.copyOf(matchedRules);
    }

    static AutoOutcome noMatch() {
        return new AutoOutcome(null, List.of(), false, false);
    }
}
