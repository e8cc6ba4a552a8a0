package dev.switchboard.routing;

/** Switches an operator can flip per request: the agent on or off, and the rollback to the legacy (fixed) path. */
public record FeatureFlags(boolean agentEnabled, boolean rollbackToLegacy) {
    public static final FeatureFlags DEFAULT = new FeatureFlags(true, false);
}
