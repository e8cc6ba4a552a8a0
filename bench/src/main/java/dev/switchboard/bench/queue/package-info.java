/** The escalation queue with a million open packets: how long its first page takes (SPEC §10). */
package dev.switchboard.bench.queue;
