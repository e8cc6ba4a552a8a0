package dev.switchboard.routing;

/** Where in the decision order a policy rule runs (SPEC §2.2, steps 5 and 7). */
public enum Stage {
    BEFORE_KEYWORDS,
    AFTER_KEYWORDS
}
