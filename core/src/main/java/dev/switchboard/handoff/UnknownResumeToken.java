package dev.switchboard.handoff;

/** No packet of this tenant has this resume token (404, like an unknown id). */
public final class UnknownResumeToken extends RuntimeException {
    public UnknownResumeToken() {
        super("unknown resume token", null, false, false);
    }
}
