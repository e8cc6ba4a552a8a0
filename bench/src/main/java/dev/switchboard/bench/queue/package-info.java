/**
 * The escalation queue with a million open packets: how long its first page takes (SPEC §10), and how long the
 * supervisor statistics take over it.
 */
package dev.switchboard.bench.queue;
