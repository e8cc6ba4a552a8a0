package dev.switchboard.escalation;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A page request of the queue (SPEC §3.2): filters (empty sets and nulls match everything), {@code overdueAt} (when
 * set, only open packets due at or before it), page size and the cursor of the previous page. Immutable.
 */
public record EscalationQuery(
        Set<EscalationStatus> statuses,
        Set<Priority> priorities,
        String assignedTo,
        String targetRole,
        String entityType,
        String entityId,
        Instant overdueAt,
        int limit,
        QueueCursor after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public EscalationQuery {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        priorities = priorities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(priorities));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
    }

    /** The open queue (pending and in progress), first page. */
    public static EscalationQuery openQueue(int limit) {
        return new EscalationQuery(
                EnumSet.of(EscalationStatus.PENDING, EscalationStatus.IN_PROGRESS),
                Set.of(),
                null,
                null,
                null,
                null,
                null,
                limit,
                null);
    }

    /** The next page after {@code cursor}. */
    public EscalationQuery after(QueueCursor cursor) {
        return new EscalationQuery(
                statuses, priorities, assignedTo, targetRole, entityType, entityId, overdueAt, limit, cursor);
    }

    /** Whether the query asks only for open packets (the queue's partial index serves it). */
    public boolean onlyOpen() {
        return !statuses.isEmpty() && statuses.stream().allMatch(EscalationStatus::isOpen);
    }
}
