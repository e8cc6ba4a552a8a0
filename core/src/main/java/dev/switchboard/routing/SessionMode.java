package dev.switchboard.routing;

/** Who owns a conversation right now. */
public enum SessionMode {
    BOT_ACTIVE,
    HUMAN_ACTIVE
}
