package dev.switchboard.escalation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The human's decision: what was done, notes, data overriding the workflow's, and who decided (the resolving key's
 * name). {@code overrideData} is a JSON object passed through to the workflow as given.
 */
public record Resolution(String actionTaken, String notes, JsonNode overrideData, String resolvedBy) {
    public Resolution {
        overrideData = overrideData == null ? null : overrideData.deepCopy();
    }
}
