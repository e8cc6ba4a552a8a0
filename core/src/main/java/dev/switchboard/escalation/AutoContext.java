package dev.switchboard.escalation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A caller's context for auto-escalation (SPEC §3.4): the object the rules read, and the fields a packet takes from it
 * like the seed did ({@code entity_type}, {@code entity_id}, {@code workflow_name}, {@code current_step},
 * {@code confidence}). Immutable.
 */
public record AutoContext(
        JsonNode context,
        String entityType,
        String entityId,
        String workflowName,
        String currentStep,
        Double confidence) {
    public AutoContext {
        context = context.deepCopy();
    }
}
