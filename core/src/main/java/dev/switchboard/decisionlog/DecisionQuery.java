package dev.switchboard.decisionlog;

import dev.switchboard.routing.Mode;
import java.time.Instant;

/**
 * Filters for reading the decision log, newest first; every filter optional. {@code before} is the keyset cursor:
 * only decisions with a smaller id (so older) are returned.
 */
public record DecisionQuery(
        String tenantId,
        Mode mode,
        String reasonCode,
        String riskScenario,
        String sessionId,
        Instant since,
        Instant until,
        String before,
        int limit) {}
