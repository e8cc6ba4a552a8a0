package dev.switchboard.webhook;

import dev.switchboard.escalation.Event;

/** A claimed delivery with what it sends: the event, to the subscription's URL, signed with its secret. */
public record Outgoing(Delivery delivery, String url, String secret, Event event) {}
