package dev.switchboard.policy;

import dev.switchboard.escalation.Priority;

/**
 * What a {@code transfer} decision on a bot-owned session does (SPEC §2.4): open an escalation of this priority, and
 * give the session back to the bot once that escalation is resolved or cancelled.
 */
public record TransferSettings(boolean createEscalation, Priority priority, boolean releaseSessionOnResolve) {
    public static final TransferSettings DEFAULT = new TransferSettings(true, Priority.HIGH, true);
}
