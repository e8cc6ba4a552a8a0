package dev.switchboard.event;

import dev.switchboard.escalation.Event;
import java.util.Collection;
import java.util.List;

/** Reads the audit trail across a tenant's events, for the live stream's replay and fan-out. Thread-safe. */
public interface EventLog {
    /**
     * The tenant's events with an id after {@code afterId} (null: from its first event), in id order (which is time
     * order: ids are UUIDv7), at most {@code limit}.
     */
    List<Event> after(String tenantId, String afterId, int limit);

    /** The tenant's events of these ids that exist, in id order. */
    List<Event> find(String tenantId, Collection<String> ids);
}
