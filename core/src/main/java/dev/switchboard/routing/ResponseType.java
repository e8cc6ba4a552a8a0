package dev.switchboard.routing;

/** How an upstream intent classifier says its intent should be answered. */
public enum ResponseType {
    AGENT,
    FIXED,
    TRANSFER,
    FLOW
}
