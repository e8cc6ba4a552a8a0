package dev.switchboard.sla;

import dev.switchboard.escalation.Priority;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Computes an escalation's {@code due_at} (SPEC §3.3) from the target for its priority. A business-hours target
 * counts the open hours of {@code calendar}; when there is none, of {@link BusinessCalendar#officeHours} (Monday to
 * Friday, 09:00 to 17:00) in the tenant's time zone. Immutable and thread-safe.
 *
 * @param targets the target per priority; priorities left out get {@link SlaTarget#DEFAULT}
 * @param calendar the calendar of business-hours targets, or {@code null} for office hours in the tenant's zone
 */
public record SlaPolicy(Map<Priority, SlaTarget> targets, BusinessCalendar calendar) {
    /** Four hours wall-clock for every priority. */
    public static final SlaPolicy DEFAULT = new SlaPolicy(Map.of(), null);

    public SlaPolicy {
        targets = complete(targets);
    }

    /** When an escalation of {@code priority} created at {@code createdAt} is due. */
    public Instant dueAt(Priority priority, Instant createdAt, ZoneId tenantZone) {
        return dueAt(targets.get(priority), createdAt, tenantZone);
    }

    /** When an escalation created at {@code createdAt} is due under {@code target}, e.g. a rule's own override. */
    public Instant dueAt(SlaTarget target, Instant createdAt, ZoneId tenantZone) {
        if (!target.businessHours()) {
            return createdAt.plus(target.duration());
        }
        BusinessCalendar hours = calendar != null ? calendar : BusinessCalendar.officeHours(tenantZone);
        return hours.plus(createdAt, target.duration());
    }

    /** {@code targets} with {@link SlaTarget#DEFAULT} for every priority left out, unmodifiable. */
    static Map<Priority, SlaTarget> complete(Map<Priority, SlaTarget> targets) {
        Map<Priority, SlaTarget> all = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            all.put(priority, SlaTarget.DEFAULT);
        }
        all.putAll(targets);
        return Collections.unmodifiableMap(all);
    }
}
