package dev.switchboard.routing;

import dev.switchboard.text.Language;
import java.util.List;

/**
 * The full, explained routing decision of SPEC §2.1: the mode, which step took it and why, what matched where, what
 * to send, and every step evaluated on the way. Immutable.
 */
public record Decision(
        Mode mode,
        DecidedBy decidedBy,
        String reasonCode,
        boolean highRiskTriggered,
        String riskScenario,
        List<KeywordMatch> matches,
        String intent,
        Double confidence,
        String targetFlowId,
        String fixedReply,
        String transferMessage,
        Language locale,
        int policyVersion,
        List<TraceStep> trace) {
    public Decision {
        matches = List.copyOf(matches);
        trace = List.copyOf(trace);
    }
}
