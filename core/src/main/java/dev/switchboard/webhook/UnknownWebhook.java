package dev.switchboard.webhook;

/** The tenant has no such subscription or delivery ({@code 404}, like another tenant's). */
public final class UnknownWebhook extends RuntimeException {
    public UnknownWebhook(String message) {
        super(message);
    }
}
