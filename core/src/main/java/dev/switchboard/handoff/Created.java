package dev.switchboard.handoff;

import dev.switchboard.escalation.Escalation;

/**
 * The answer to a create: the packet as created and its wire form with the resume token; on a replay
 * ({@code replayed}), the stored wire form of the first create and the packet as it is now.
 */
public record Created(Escalation escalation, String body, boolean replayed) {}
