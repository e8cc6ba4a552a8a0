package dev.switchboard.escalation;

/** No packet with this id in this tenant (another tenant's ids are unknown too). */
public final class UnknownEscalation extends RuntimeException {
    public UnknownEscalation(String escalationId) {
        super("no escalation " + escalationId, null, false, false);
    }
}
