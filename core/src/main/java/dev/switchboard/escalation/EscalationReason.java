package dev.switchboard.escalation;

/** Why a workflow needs a human: the seed's ten, plus a customer asking for one and a high-risk message. */
public enum EscalationReason {
    VALIDATION_FAILURE,
    MISSING_DATA,
    PERMISSION_ISSUE,
    TIMEOUT,
    AMBIGUOUS_DATA,
    LOW_CONFIDENCE,
    HIGH_VALUE_DEAL,
    CUSTOMER_COMPLAINT,
    CONSENT_EXPIRED,
    DELIVERY_FAILURE,
    HUMAN_REQUESTED,
    HIGH_RISK_MESSAGE
}
