/**
 * The escalation lifecycle (create → claim → resolve, each a durable commit) against Flowable and Camunda doing start
 * → claim → complete of a one-user-task process, all on the same PostgreSQL in one run (SPEC §10), and against the
 * database's own commit ceiling, measured by pgbench at the same concurrency.
 */
package dev.switchboard.bench.lifecycle;
