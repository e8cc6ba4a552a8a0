package dev.switchboard.webhook;

import dev.switchboard.escalation.Event;

/** What the domain says about a delivery: what to send, and what its outcome means. Called off any transaction. */
public interface DeliveryListener {
    /** The event to send for this delivery (the stored one, or one with more data); null cancels the delivery. */
    Event prepare(Outgoing outgoing);

    /** A {@code 2xx} answered. */
    void delivered(Outgoing outgoing);

    /** The delivery was given up after its retries, the last attempt ending with {@code error}. */
    void gaveUp(Outgoing outgoing, String error);

    /** Sends every event as stored, and takes no outcome to heart. */
    DeliveryListener NONE = new DeliveryListener() {
        @Override
        public Event prepare(Outgoing outgoing) {
            return outgoing.event();
        }

        @Override
        public void delivered(Outgoing outgoing) {}

        @Override
        public void gaveUp(Outgoing outgoing, String error) {}
    };
}
