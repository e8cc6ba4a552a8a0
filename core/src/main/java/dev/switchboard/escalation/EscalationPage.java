package dev.switchboard.escalation;

import java.util.List;

/** One page of the queue and the cursor of the next one (null on the last page). Immutable. */
public record EscalationPage(List<Escalation> items, QueueCursor next) {
    public EscalationPage {
        items = List.copyOf(items);
    }
}
