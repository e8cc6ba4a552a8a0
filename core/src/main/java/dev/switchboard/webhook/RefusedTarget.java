package dev.switchboard.webhook;

/**
 * A webhook URL whose host cannot be resolved or leads to an address webhooks may not reach; checked, because every
 * caller must record it against the subscription or the delivery rather than let it escape.
 */
public final class RefusedTarget extends Exception {
    private static final long serialVersionUID = 1L;

    /** A refusal with its reason, naming the host and address but never the full URL, which may hold a token. */
    public RefusedTarget(String message) {
        super(message);
    }

    /** A refusal caused by {@code cause}, e.g. a failed DNS lookup. */
    public RefusedTarget(String message, Throwable cause) {
        super(message, cause);
    }
}
