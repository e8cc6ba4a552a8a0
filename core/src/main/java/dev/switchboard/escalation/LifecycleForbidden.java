package dev.switchboard.escalation;

/** A change the actor's role or relation to the packet does not allow (e.g. an operator releasing another's claim). */
public final class LifecycleForbidden extends RuntimeException {
    private final String code;

    public LifecycleForbidden(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
