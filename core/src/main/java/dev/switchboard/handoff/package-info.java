/**
 * The hand-off between AI agents and humans (SPEC §3): {@link dev.switchboard.handoff.Escalations} creates, claims,
 * resolves and cancels escalation packets, expires them when their SLA passes, opens them from auto-escalation rules
 * and from transfers, and resumes the paused workflow exactly once. It is the embedded Java API; the HTTP server is
 * one of its callers.
 */
package dev.switchboard.handoff;
