package dev.switchboard.decisionlog;

import dev.switchboard.routing.DecidedBy;
import dev.switchboard.routing.KeywordMatch;
import dev.switchboard.routing.Mode;
import dev.switchboard.text.Language;
import java.time.Instant;
import java.util.List;

/**
 * One routing decision as the decision log keeps it: what was decided and why, against which policy version, and the
 * message as a SHA-256 hash plus a truncated (or, when the policy opts in, full) text. Immutable.
 */
public record DecisionRecord(
        String tenantId,
        String decisionId,
        Instant decidedAt,
        String sessionId,
        Mode mode,
        DecidedBy decidedBy,
        String reasonCode,
        String riskScenario,
        List<KeywordMatch> matches,
        int policyVersion,
        Language locale,
        String messageHash,
        String messageText) {
    public DecisionRecord {
        matches = List.copyOf(matches);
    }
}
