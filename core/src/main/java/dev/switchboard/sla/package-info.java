/**
 * SLA deadlines (SPEC §3.3): a target per priority, counted in wall-clock time or in the open hours of a
 * {@link dev.switchboard.sla.BusinessCalendar} (time zone, weekly hours, holidays), turned into an escalation's
 * {@code due_at} by {@link dev.switchboard.sla.SlaPolicy}. Everything here is an immutable value and thread-safe.
 */
package dev.switchboard.sla;
