package dev.switchboard.routing;

import dev.switchboard.text.LocalizedText;

/**
 * A policy rule: when the CEL condition {@code when} holds at its {@link Stage}, the decision is {@code mode} with
 * reason code {@code reason} (or the rule id), target flow {@code flowId} for {@code micro_flow}, and {@code message}
 * as the fixed reply or transfer message. Immutable.
 */
public record RoutingRule(
        String id, Stage stage, String when, Mode mode, String reason, String flowId, LocalizedText message) {

    /** The reason code a decision by this rule carries. */
    public String reasonCode() {
        return reason != null ? reason : id;
    }
}
