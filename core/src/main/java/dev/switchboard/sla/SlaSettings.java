package dev.switchboard.sla;

import dev.switchboard.escalation.Priority;
import java.time.ZoneId;
import java.util.Map;

/**
 * The {@code sla} section of a policy (SPEC §3.3): targets per priority and an optional calendar, before the
 * tenant's time zone is known. {@link #forZone} gives the {@link SlaPolicy} that computes deadlines. Immutable.
 *
 * @param targets the target per priority; priorities left out get {@link SlaTarget#DEFAULT}
 * @param calendar the calendar of business-hours targets, or {@code null} for office hours in the tenant's zone
 */
public record SlaSettings(Map<Priority, SlaTarget> targets, CalendarSpec calendar) {
    /** What a policy without an {@code sla} section gets: four hours wall-clock for every priority. */
    public static final SlaSettings DEFAULT = new SlaSettings(Map.of(), null);

    public SlaSettings {
        targets = SlaPolicy.complete(targets);
    }

    /** The deadlines of these settings for a tenant in {@code tenantZone}. */
    public SlaPolicy forZone(ZoneId tenantZone) {
        return new SlaPolicy(targets, calendar == null ? null : calendar.in(tenantZone));
    }
}
