/** Escalations: the durable queue of work for humans. */
package dev.switchboard.escalation;
