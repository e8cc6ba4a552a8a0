package dev.switchboard.routing;

/** A structured result from an upstream high-risk checker. */
public record HighRiskCheck(boolean matched, String riskScenario, String ruleId, Mode recommendedMode) {}
