package dev.switchboard.routing;

/** A soft signal from an upstream intent-hint tool; the router weighs it but keeps the final say. */
public record IntentHint(
        String intent,
        Double confidence,
        Mode suggestedMode,
        boolean highRiskDetected,
        String fallbackReasonCode,
        String targetFlowId) {}
