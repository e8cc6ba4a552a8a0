package dev.switchboard.policy;

/** What the decision log keeps of a message: a hash and a truncated text, or the full text when opted in. */
public record DecisionLogSettings(boolean fullText) {
    public static final DecisionLogSettings DEFAULT = new DecisionLogSettings(false);
}
