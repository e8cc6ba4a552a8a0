package dev.switchboard.routing;

/** The step of the decision order (SPEC §2.2) that took a decision. */
public enum DecidedBy {
    ROLLBACK_FLAG,
    SESSION_MODE,
    HIGH_RISK_CHECK,
    INTENT_HINT,
    POLICY_RULE,
    HIGH_RISK_KEYWORD,
    LOW_CONFIDENCE_HINT,
    INTENT_MATCH,
    AGENT_DISABLED,
    DEFAULT
}
