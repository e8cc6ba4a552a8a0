package dev.switchboard.escalation;

import com.fasterxml.jackson.databind.JsonNode;

/** A change asked of an escalation; {@link Lifecycle} decides whether it may happen. */
public sealed interface Command {
    /** Claim (no assignee: for oneself) or assign; {@code force} lets a supervisor take it from its owner. */
    record Assign(String assignee, boolean force) implements Command {}

    /** Give it back to the queue. */
    record Unassign() implements Command {}

    /** Decide it; {@code resumeWorkflow} asks for the paused workflow to be resumed with the decision. */
    record Resolve(String actionTaken, String notes, JsonNode overrideData, boolean resumeWorkflow)
            implements Command {}

    /** The workflow no longer needs a human. */
    record Cancel(String reason) implements Command {}

    /** The SLA passed. */
    record Expire() implements Command {}
}
