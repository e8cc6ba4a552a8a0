package dev.switchboard.routing;

/** What happens to a customer message. */
public enum Mode {
    /** The AI agent may answer. */
    AGENT,
    /** A scripted flow must run. */
    MICRO_FLOW,
    /** A canned reply goes out. */
    FIXED,
    /** A human takes over. */
    TRANSFER
}
